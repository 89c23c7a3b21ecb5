/**
 * Display specs: what library results look like when a person should see them. The kernel runs in a Web Worker
 * and posts these plain, structured-cloneable objects to the page, which renders them (the page keeps a renderer per
 * `$display` kind). Library code never touches the DOM to show a result.
 */

/** Every display spec names its kind in `$display`; the page picks the renderer by it. */
export interface DisplaySpec {
  readonly $display: string;
}

/** Progress of long work (training, loading, lr finding), updated in place. */
export interface ProgressSpec extends DisplaySpec {
  readonly $display: 'progress';
  /** What is running, e.g. `epoch 2/5` or `loading MNIST`. */
  label: string;
  /** Units done so far and in all (e.g. batches); `total` 0 when unknown. */
  value: number;
  total: number;
  /** Seconds since the work started, and the estimated seconds left (absent when unknown). */
  elapsed: number;
  eta?: number;
  /** Live figures to show beside the bar, e.g. `{loss: 0.231, accuracy: 0.93}`. */
  metrics?: Record<string, number>;
  /** Set once the work has ended: completed, aborted (interrupted) or failed. */
  state?: 'running' | 'done' | 'aborted' | 'error';
}

/**
 * Where specs go. Calling it again with the same `id` replaces that earlier output in place (a progress bar that
 * moves), without an id it appends.
 */
export type DisplaySink = (spec: DisplaySpec, options?: {id?: string}) => void;

/** True for a display spec (an object with a string `$display`), which the page renders with that kind's renderer. */
export function isDisplaySpec(value: unknown): value is DisplaySpec {
  return typeof value === 'object' && value !== null && typeof (value as DisplaySpec).$display === 'string';
}
