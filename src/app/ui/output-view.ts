/**
 * A cell's outputs: `display()` outputs in order (keyed ones update in place: progress bars, live plots), the cell's
 * value or the names it defined, its console, and its error at the cell's own line.
 */
import type {Preview} from '../kernel/inspect/preview';
import type {CellErrorInfo} from '../kernel/protocol';
import {renderPreview} from '../render/inspector';
import {formatMetric} from '../render/progress';
import type {CellSnapshot} from '../notebook/model';
import {renderDisplay} from '../render/registry';
import type {CellRunState, DisplayOutput} from '../session/run-state';
import {h} from './dom';

export class OutputView {
  readonly el: HTMLElement;
  private readonly displaysEl = h('div', {class: 'output-displays'});
  private readonly logsEl = h('pre', {class: 'output-logs', hidden: true});
  private readonly valueEl = h('div', {class: 'output-value'});
  private readonly errorEl = h('div', {class: 'output-error', role: 'alert', hidden: true});
  private readonly snapshotEl = h('div', {class: 'output-snapshot', hidden: true});
  private shown: {output: DisplayOutput; el: HTMLElement}[] = [];
  private shownValue: unknown;
  private shownNames: unknown;
  private shownLogs = 0;
  private shownError: CellErrorInfo | undefined;

  constructor(label: string) {
    this.el = h('div', {class: 'cell-output', 'aria-label': label}, this.snapshotEl, this.displaysEl, this.logsEl, this.valueEl, this.errorEl);
  }

  update(state: CellRunState): void {
    this.el.classList.toggle('stale', !!state.stale);
    this.snapshotEl.hidden = !state.snapshot;
    if (state.snapshot && !this.snapshotEl.childElementCount) this.snapshotEl.append(...snapshotNodes(state.snapshot.cell, state.snapshot.ranOn));
    this.updateDisplays(state.displays);
    this.updateLogs(state);
    if (state.value !== this.shownValue || state.names !== this.shownNames) {
      this.shownValue = state.value;
      this.shownNames = state.names;
      this.valueEl.replaceChildren(...valueNodes(state.value, state.names));
    }
    if (state.error !== this.shownError) {
      this.shownError = state.error;
      this.errorEl.hidden = !state.error;
      this.errorEl.replaceChildren(...(state.error ? errorNodes(state.error) : []));
    }
  }

  private updateDisplays(displays: readonly DisplayOutput[]): void {
    const next: {output: DisplayOutput; el: HTMLElement}[] = [];
    displays.forEach((output, i) => {
      const old = this.shown[i];
      if (old && old.output === output) {
        next.push(old);
      } else if (old && old.output.key !== undefined && old.output.key === output.key && output.value.kind === 'display' && old.output.value.kind === 'display' && old.output.value.spec.$display === output.value.spec.$display) {
        void renderDisplay(output.value.spec, old.el.firstElementChild as HTMLElement);
        next.push({output, el: old.el});
      } else {
        const el = h('div', {class: 'output-item'}, renderPreview(output.value));
        if (old) old.el.replaceWith(el);
        else this.displaysEl.append(el);
        next.push({output, el});
      }
    });
    for (const extra of this.shown.slice(displays.length)) extra.el.remove();
    this.shown = next;
  }

  private updateLogs(state: CellRunState): void {
    if (state.logs.length < this.shownLogs) {
      this.logsEl.replaceChildren();
      this.shownLogs = 0;
    }
    for (const line of state.logs.slice(this.shownLogs)) {
      this.logsEl.append(h('span', {class: `log-${line.level}`}, line.text + '\n'));
    }
    this.shownLogs = state.logs.length;
    this.logsEl.hidden = state.logs.length === 0;
  }
}

function valueNodes(value: Preview | undefined, names: [string, Preview][] | undefined): Node[] {
  if (value) return [renderPreview(value)];
  if (!names) return [];
  return names.map(([name, preview]) => {
    const nested = preview.kind === 'array' || preview.kind === 'object' || preview.kind === 'tensor' || preview.kind === 'model' || preview.kind === 'map' || preview.kind === 'set' || preview.kind === 'typed-array';
    return h('div', {class: 'output-name'}, h('span', {class: 'inspect-key'}, `${name} = `), renderPreview(preview, !nested));
  });
}

function snapshotNodes(snap: CellSnapshot, ranOn: string): Node[] {
  const nodes: Node[] = [h('div', {class: 'snapshot-note'}, `The author's result (${ranOn}); not run here yet.`)];
  if (snap.text) nodes.push(h('pre', {class: 'inspect-string'}, snap.text));
  if (snap.metrics) nodes.push(h('div', {}, Object.entries(snap.metrics).map(([k, v]) => `${k} ${formatMetric(v)}`).join(' · ')));
  if (snap.curve?.length) nodes.push(sparkline(snap.curve));
  return nodes;
}

/** A small line chart of a curve (the author's loss), drawn without plotly. */
function sparkline(values: readonly number[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const w = 240;
  const hgt = 48;
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Loss curve of the author's run, from ${formatMetric(values[0])} to ${formatMetric(values.at(-1)!)}`);
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const points = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * (w - 4) + 2},${hgt - 2 - ((v - lo) / (hi - lo || 1)) * (hgt - 4)}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  svg.append(line);
  return svg;
}

export function errorNodes(error: CellErrorInfo): Node[] {
  const where = error.line !== undefined ? ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})` : '';
  const nodes: Node[] = [h('div', {class: 'error-message'}, h('strong', {}, error.blocked ? '' : `${error.name}: `), error.message + where)];
  if (error.hint) nodes.push(h('div', {class: 'error-hint'}, error.hint));
  if (error.stack) nodes.push(h('details', {class: 'error-stack'}, h('summary', {}, 'Stack'), h('pre', {}, error.stack)));
  return nodes;
}
