/**
 * Controls in cell outputs (InputSpec, made by the kernel's `slider`, `select`, `checkbox` and `fileInput`): a change
 * bubbles up as a `deepsky:input` event, which the notebook view sends to the kernel. A re-rendered control for the
 * same input keeps its element and only takes the new value, so focus and keyboard use survive re-runs.
 */
import type {InputSpec, InputValue} from '../kernel/inputs/input-spec';
import {registerRenderer} from './registry';

export const INPUT_EVENT = 'deepsky:input';

/** The detail of a `deepsky:input` event. */
export interface InputChange {
  cellId: string;
  key: string;
  value: InputValue;
}

function announce(el: HTMLElement, spec: InputSpec, value: InputValue): void {
  el.dispatchEvent(new CustomEvent<InputChange>(INPUT_EVENT, {bubbles: true, detail: {cellId: spec.cellId, key: spec.key, value}}));
}

function describeFiles(names: readonly string[]): string {
  if (names.length === 0) return 'No files yet: pick or drop them here.';
  const shown = names.slice(0, 3).join(', ');
  return `${names.length} file${names.length === 1 ? '' : 's'}: ${shown}${names.length > 3 ? `, … (${names.length - 3} more)` : ''}`;
}

/** Listeners a control put on its output element itself (the file drop target), removed when it is rebuilt. */
const elementListeners = new WeakMap<HTMLElement, AbortController>();

function build(spec: InputSpec, el: HTMLElement): void {
  elementListeners.get(el)?.abort();
  elementListeners.delete(el);
  el.classList.remove('input-drop');
  const label = document.createElement('label');
  label.className = 'input-label';
  label.append(document.createTextNode(spec.label));
  let control: HTMLInputElement | HTMLSelectElement;
  if (spec.kind === 'select') {
    const select = document.createElement('select');
    for (const option of spec.options ?? []) select.append(new Option(option, option));
    select.addEventListener('change', () => announce(el, spec, select.value));
    control = select;
  } else {
    const input = document.createElement('input');
    if (spec.kind === 'range') {
      input.type = 'range';
      input.min = String(spec.min);
      input.max = String(spec.max);
      input.step = String(spec.step);
      const shown = document.createElement('output');
      input.addEventListener('input', () => (shown.textContent = input.value));
      // On release (change), not on every pixel of a drag: each change re-runs the cell.
      input.addEventListener('change', () => announce(el, spec, Number(input.value)));
      label.append(input, shown);
    } else if (spec.kind === 'checkbox') {
      input.type = 'checkbox';
      input.addEventListener('change', () => announce(el, spec, input.checked));
    } else {
      input.type = 'file';
      if (spec.accept) input.accept = spec.accept;
      input.multiple = spec.multiple ?? true;
      if (spec.directory) input.webkitdirectory = true;
      input.addEventListener('change', () => input.files?.length && announce(el, spec, Array.from(input.files)));
      const listeners = new AbortController();
      elementListeners.set(el, listeners);
      const {signal} = listeners;
      el.addEventListener('dragover', (e) => {
        e.preventDefault();
        el.classList.add('input-drop');
      }, {signal});
      el.addEventListener('dragleave', () => el.classList.remove('input-drop'), {signal});
      el.addEventListener('drop', (e) => {
        e.preventDefault();
        el.classList.remove('input-drop');
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length) announce(el, spec, spec.multiple === false ? files.slice(0, 1) : files);
      }, {signal});
    }
    control = input;
  }
  control.setAttribute('aria-label', spec.label);
  control.className = 'input-control';
  if (!control.parentElement) label.append(control);
  const status = document.createElement('span');
  status.className = 'input-status';
  el.replaceChildren(label, status);
  el.classList.add('output-input');
  el.dataset.key = spec.key;
}

function renderInput(spec: InputSpec, el: HTMLElement): void {
  if (el.dataset.key !== spec.key || el.dataset.kind !== spec.kind) build(spec, el);
  el.dataset.kind = spec.kind;
  const control = el.querySelector<HTMLInputElement | HTMLSelectElement>('.input-control')!;
  const status = el.querySelector<HTMLElement>('.input-status')!;
  if (spec.kind === 'file') {
    status.textContent = describeFiles(spec.value as string[]);
  } else if (control instanceof HTMLInputElement && spec.kind === 'checkbox') {
    control.checked = spec.value as boolean;
  } else {
    control.value = String(spec.value);
    const shown = el.querySelector('output');
    if (shown) shown.textContent = String(spec.value);
  }
}

export function registerInputs(): void {
  registerRenderer<InputSpec>('input', renderInput);
}
