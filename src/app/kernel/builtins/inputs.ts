/**
 * `slider`, `select`, `checkbox` and `fileInput`: controls a cell shows in its output whose value the cell reads
 * (see inputs/input-spec.ts). Moving a slider or picking files re-runs the cell, and with it every cell that uses the
 * value. The n-th control a cell makes keeps its value across re-runs of that cell.
 */
import {filesFromFileList, type DataFile} from '../../../lib/data';
import {currentRun} from '../run/async-context';
import {CellRun} from '../run/cell-run';
import type {InputSpec, InputValue} from '../inputs/input-spec';
import type {InputStore} from '../inputs/input-store';

export interface SliderOptions {
  min: number;
  max: number;
  /** Default (max − min) / 100. */
  step?: number;
  /** The first value (default `min`). */
  value?: number;
  label?: string;
}

export interface FileInputOptions {
  label?: string;
  /** File types offered, as `<input accept>`: e.g. '.fits,.fit,.fz' or 'image/*'. */
  accept?: string;
  /** Allow several files (default true). */
  multiple?: boolean;
  /** Pick a folder: files keep their relative paths (`cats/001.png`), which labelled datasets read. */
  directory?: boolean;
}

export function inputBuiltins(store: InputStore) {
  const made = new WeakMap<CellRun, number>();

  /** The running cell and the key of the control it is making now. */
  function begin(what: string): {run: CellRun; key: string} {
    const run = currentRun();
    if (!(run instanceof CellRun)) {
      throw new Error(`${what}() shows a control in its cell's output, so call it in the cell's own code (not in a callback that runs later).`);
    }
    const n = made.get(run) ?? 0;
    made.set(run, n + 1);
    return {run, key: `${run.cellId}#${n}`};
  }

  function show(run: CellRun, spec: Omit<InputSpec, '$display' | 'cellId'>): void {
    const full: InputSpec = {$display: 'input', cellId: run.cellId, ...spec};
    run.context.display(full, {id: spec.key});
  }

  /** A slider; returns its value (the default at first, then wherever the user left it). */
  function slider(options: SliderOptions): number {
    const {min, max, value: initial = min, label = 'value'} = options;
    if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
      throw new Error(`slider: needs finite min < max, got min ${min} and max ${max}`);
    }
    const step = options.step ?? (max - min) / 100;
    if (!(step > 0)) throw new Error(`slider: step must be > 0, got ${step}`);
    const {run, key} = begin('slider');
    const current = store.get(key);
    const value = typeof current === 'number' ? current : Math.min(max, Math.max(min, initial));
    show(run, {key, kind: 'range', label, value, min, max, step});
    return value;
  }

  /** A menu of options; returns the chosen one (the first, or `value`, at first). */
  function select<T extends string>(options: readonly T[], settings: {value?: T; label?: string} = {}): T {
    if (options.length === 0) throw new Error('select: give at least one option');
    const {run, key} = begin('select');
    const current = store.get(key);
    const value = options.find((o) => o === current) ?? settings.value ?? options[0];
    if (!options.includes(value)) throw new Error(`select: the value '${value}' is not one of the options (${options.join(', ')})`);
    show(run, {key, kind: 'select', label: settings.label ?? 'choice', value, options: [...options]});
    return value;
  }

  /** A checkbox; returns whether it is ticked. */
  function checkbox(settings: {value?: boolean; label?: string} = {}): boolean {
    const {run, key} = begin('checkbox');
    const current = store.get(key);
    const value = typeof current === 'boolean' ? current : (settings.value ?? false);
    show(run, {key, kind: 'checkbox', label: settings.label ?? 'on', value});
    return value;
  }

  /**
   * A file picker (and drop target). The cell waits until files are picked, then gets them as DataFiles (read on
   * demand: a 2 GB FITS file is not loaded until the cell reads it); picking again re-runs the cell.
   */
  async function fileInput(options: FileInputOptions = {}): Promise<DataFile[]> {
    const {run, key} = begin('fileInput');
    const {label = 'files', accept, multiple = true, directory = false} = options;
    const spec = {key, kind: 'file' as const, label, accept, multiple, directory};
    const names = (files: InputValue | undefined) => (Array.isArray(files) ? files.map((f) => f.webkitRelativePath || f.name) : []);
    show(run, {...spec, value: names(store.get(key))});
    const files = await store.next(key, run.signal);
    if (!Array.isArray(files)) throw new Error('fileInput: the page sent something other than files');
    show(run, {...spec, value: names(files)});
    return filesFromFileList(files);
  }

  return {slider, select, checkbox, fileInput};
}
