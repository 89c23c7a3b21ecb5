/**
 * Saves the learner's state (weights, optimizer, epoch) to a {@link CheckpointStore} during training, so a crashed
 * tab or a re-run cell can resume (`learner.load(store, key)`). The notebook plugs an IndexedDB store in.
 */
import type {Callback, FitState} from '../callback';
import type {CheckpointStore} from '../state';

/** Options of {@link CheckpointCallback}. */
export interface CheckpointOptions {
  store: CheckpointStore;
  /** Key to save under (default 'learner'); with `keepAll`, `<key>/epoch-<n>`. */
  key?: string;
  /** Save every this many epochs (default 1). */
  every?: number;
  /** Keep one checkpoint per saved epoch instead of overwriting (default false). */
  keepAll?: boolean;
}

/** Saves a checkpoint after every `every` epochs. */
export class CheckpointCallback implements Callback {
  readonly name = 'checkpoint';
  readonly order = 10;
  readonly runsInLrFind = false;
  /** Keys written so far. */
  readonly saved: string[] = [];

  constructor(private readonly options: CheckpointOptions) {
    const every = options.every ?? 1;
    if (!(Number.isInteger(every) && every >= 1)) throw new Error(`CheckpointCallback: every must be ≥ 1, got ${every}`);
  }

  async afterEpoch(state: FitState): Promise<void> {
    const learner = state.learner;
    if (learner.epoch % (this.options.every ?? 1) !== 0) return;
    const base = this.options.key ?? 'learner';
    const key = this.options.keepAll ? `${base}/epoch-${learner.epoch}` : base;
    await learner.save(this.options.store, key);
    this.saved.push(key);
  }
}
