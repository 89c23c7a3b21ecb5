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
  /**
   * A failed save (storage full, IndexedDB unavailable) warns once and training goes on, instead of failing the fit
   * (default false). The notebook's automatic cell checkpoints use this: they must never cost the user a run.
   */
  bestEffort?: boolean;
}

/** Saves a checkpoint after every `every` epochs. */
export class CheckpointCallback implements Callback {
  readonly name = 'checkpoint';
  readonly order = 10;
  readonly runsInLrFind = false;
  /** Keys written so far. */
  readonly saved: string[] = [];
  private warned = false;

  constructor(private readonly options: CheckpointOptions) {
    const every = options.every ?? 1;
    if (!(Number.isInteger(every) && every >= 1)) throw new Error(`CheckpointCallback: every must be ≥ 1, got ${every}`);
  }

  async afterEpoch(state: FitState): Promise<void> {
    const learner = state.learner;
    if (learner.epoch % (this.options.every ?? 1) !== 0) return;
    const base = this.options.key ?? 'learner';
    const key = this.options.keepAll ? `${base}/epoch-${learner.epoch}` : base;
    try {
      await learner.save(this.options.store, key);
    } catch (error) {
      if (!this.options.bestEffort) throw error;
      if (!this.warned) console.warn(`Checkpoint '${key}' could not be saved; training goes on without checkpoints:`, error);
      this.warned = true;
      return;
    }
    this.saved.push(key);
  }
}
