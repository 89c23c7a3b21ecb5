/**
 * Checkpoints: a learner's state (model weights, optimizer slots and hyperparameters, epoch) as plain typed arrays
 * that structured-clone into IndexedDB or a worker message, and the small store interface the notebook implements
 * on IndexedDB. Optimizer slots are keyed by weight position, not by tfjs variable name, because tfjs names
 * variables with process-wide counters: a model rebuilt after a page reload gets different names.
 */

/** One model weight. */
export interface WeightRecord {
  /** The weight's name when saved (informational: weights are matched by position). */
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

import type {RecorderHistory} from './recorder';

/** Everything needed to resume training where it stopped. */
export interface LearnerState {
  version: 1;
  /** Epochs trained when saved. */
  epoch: number;
  /** The model's weights in `model.weights` order (trainable and not: batch-norm statistics too). */
  weights: WeightRecord[];
  optimizer: {
    name: string;
    lr: number;
    mom: number;
    wd: number;
    /** Slots keyed `<weight index>/<slot>` (and `<weight index>/step`). */
    slots: Record<string, {shape: number[]; values: Float32Array}>;
  };
  /** The recorder's history when saved, so curves continue after a resume (absent in older checkpoints). */
  history?: RecorderHistory;
}

/** Where checkpoints live: memory (tests), IndexedDB (the notebook), files. */
export interface CheckpointStore {
  save(key: string, state: LearnerState): Promise<void>;
  /** The state saved under `key`, or undefined. */
  load(key: string): Promise<LearnerState | undefined>;
}

/** A checkpoint store in memory (copies on save and load, so later training does not change saved states). */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly states = new Map<string, LearnerState>();

  async save(key: string, state: LearnerState): Promise<void> {
    this.states.set(key, structuredClone(state));
  }

  async load(key: string): Promise<LearnerState | undefined> {
    const state = this.states.get(key);
    return state ? structuredClone(state) : undefined;
  }

  /** Keys saved so far. */
  keys(): string[] {
    return [...this.states.keys()];
  }
}
