/**
 * Progress of a fit: a `ProgressSpec` updated in place (same id) in the running notebook cell, a progress bar in a
 * DOM container, or compact lines in Node. Only values already read back are shown (no extra device sync); the
 * display is refreshed at most every `throttleMs`, and always at epoch ends and when the fit ends.
 */
import type {DisplaySink, ProgressSpec} from '../../display/types';
import type {Callback, FitState} from '../callback';

/** Options of {@link ProgressCallback}. */
export interface ProgressOptions {
  /** Where progress specs go (default: the running notebook cell's display, read when the call starts). */
  display?: DisplaySink;
  /** A DOM element to render a progress bar into (a page, not the kernel worker). */
  container?: HTMLElement;
  /**
   * Print compact lines: true (default in Node when there is no display or container) writes to stdout, a function
   * receives each line, false prints nothing.
   */
  print?: boolean | ((line: string) => void);
  /** Spec id to update in place (default: a fresh id per call). */
  id?: string;
  /** Least milliseconds between display refreshes (default 250). */
  throttleMs?: number;
}

let nextId = 0;

function isNode(): boolean {
  const proc = (globalThis as {process?: {versions?: {node?: string}}}).process;
  return typeof proc?.versions?.node === 'string' && typeof (globalThis as {document?: unknown}).document === 'undefined';
}

function stdoutWriter(): {write(text: string): void; isTTY: boolean} | undefined {
  const proc = (globalThis as {process?: {stdout?: {write(text: string): boolean; isTTY?: boolean}}}).process;
  const out = proc?.stdout;
  return out ? {write: (t) => void out.write(t), isTTY: out.isTTY === true} : undefined;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(3) : value.toFixed(4);
}

function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/** Renders a progress spec into a DOM element, updating one bar in place. */
class DomProgress {
  private readonly bar: HTMLProgressElement;
  private readonly text: HTMLSpanElement;

  constructor(container: HTMLElement) {
    const doc = container.ownerDocument;
    const root = doc.createElement('div');
    root.className = 'deep-sky-progress';
    this.bar = doc.createElement('progress');
    this.text = doc.createElement('span');
    this.text.style.marginLeft = '0.5em';
    this.text.style.fontFamily = 'monospace';
    root.append(this.bar, this.text);
    container.append(root);
  }

  render(spec: ProgressSpec, line: string): void {
    this.bar.max = Math.max(spec.total, 1);
    this.bar.value = spec.value;
    this.text.textContent = line;
  }
}

/**
 * The default progress callback of `Learner` calls. Label and total can be overridden (lrFind reports its own).
 */
export class ProgressCallback implements Callback {
  readonly name = 'progress';
  readonly order = 20;
  private readonly display?: DisplaySink;
  private readonly dom?: DomProgress;
  private readonly printLine?: (line: string) => void;
  private readonly live?: {write(text: string): void};
  private readonly id: string;
  private readonly throttleMs: number;
  private lastRender = -Infinity;
  private liveShown = false;

  constructor(
    options: ProgressOptions = {},
    private readonly fixed: {label?: string; total?: number} = {},
  ) {
    this.display = options.display;
    this.dom = options.container ? new DomProgress(options.container) : undefined;
    this.id = options.id ?? `deep-sky-progress-${++nextId}`;
    this.throttleMs = options.throttleMs ?? 250;
    const print = options.print ?? (!options.display && !options.container && isNode());
    if (typeof print === 'function') this.printLine = print;
    else if (print) {
      const out = stdoutWriter();
      if (out) {
        this.printLine = (line) => out.write(`${line}\n`);
        if (out.isTTY) this.live = out;
      }
    }
  }

  /** The spec for the current state (what the display shows). */
  spec(state: FitState, done?: ProgressSpec['state']): ProgressSpec {
    const valid = state.learner.dls.valid.length;
    const perEpoch = state.batchesPerEpoch + valid;
    const total = this.fixed.total ?? state.epochs * perEpoch;
    const within = state.training ? state.iter : state.batchesPerEpoch + state.iter;
    const value = Math.min(this.fixed.total !== undefined ? state.trainIter : state.epoch * perEpoch + within, total);
    const elapsed = state.elapsed();
    const eta = value > 0 && value < total ? (elapsed / value) * (total - value) : undefined;
    const rec = state.recorder;
    const metrics: Record<string, number> = {};
    const trainLoss = rec.batchLoss.last();
    if (Number.isFinite(trainLoss)) metrics.train_loss = trainLoss;
    if (rec.validLoss.length > 0 && this.fixed.total === undefined) {
      metrics.valid_loss = rec.validLoss.last();
      for (const [name, series] of rec.metrics) metrics[name] = series.last();
    }
    const epoch = Math.min(state.epoch + 1, state.epochs);
    return {
      $display: 'progress',
      label: this.fixed.label ?? `epoch ${epoch}/${state.epochs}${state.training || done ? '' : ' (valid)'}`,
      value: done === 'done' ? total : value,
      total,
      elapsed,
      eta: done ? undefined : eta,
      metrics,
      state: done ?? 'running',
    };
  }

  private render(state: FitState, force: boolean, done?: ProgressSpec['state']): void {
    const now = performance.now();
    if (!force && now - this.lastRender < this.throttleMs) return;
    this.lastRender = now;
    const spec = this.spec(state, done);
    const line = this.line(spec);
    this.display?.(spec, {id: this.id});
    this.dom?.render(spec, line);
    if (this.live && !done) {
      this.live.write(`\r${line}\x1b[K`);
      this.liveShown = true;
    }
  }

  private line(spec: ProgressSpec): string {
    const parts = [`${spec.label} ${spec.value}/${spec.total}`];
    for (const [k, v] of Object.entries(spec.metrics ?? {})) parts.push(`${k} ${fmt(v)}`);
    parts.push(seconds(spec.elapsed) + (spec.eta !== undefined ? ` (eta ${seconds(spec.eta)})` : ''));
    if (spec.state && spec.state !== 'running') parts.push(spec.state);
    return parts.join(' · ');
  }

  private clearLive(): void {
    if (this.liveShown) this.live?.write('\r\x1b[K');
    this.liveShown = false;
  }

  private print(line: string): void {
    this.clearLive();
    this.printLine?.(line);
  }

  beforeFit(state: FitState): void {
    this.render(state, true);
  }

  afterBatch(state: FitState): void {
    this.render(state, false);
  }

  afterRead(state: FitState): void {
    this.render(state, false);
  }

  afterEpoch(state: FitState): void {
    if (this.fixed.total !== undefined) return;
    const r = state.recorder;
    const parts = [`epoch ${state.epoch + 1}/${state.epochs}`, `train_loss ${fmt(r.trainLoss.last())}`];
    if (Number.isFinite(r.validLoss.last())) parts.push(`valid_loss ${fmt(r.validLoss.last())}`);
    for (const [name, series] of r.metrics) parts.push(`${name} ${fmt(series.last())}`);
    parts.push(seconds(r.epochSeconds.last()));
    this.print(parts.join(' · '));
    this.render(state, true);
  }

  afterFit(state: FitState): void {
    const end = state.aborted ? 'aborted' : state.error !== undefined ? 'error' : 'done';
    this.render(state, true, end);
    if (end !== 'done' || this.fixed.total !== undefined) this.print(this.line(this.spec(state, end)));
    else this.clearLive();
  }
}
