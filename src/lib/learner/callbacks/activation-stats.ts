/**
 * Activation statistics (fastai's `ActivationStats`): the mean, standard deviation and optionally a histogram of
 * chosen layers' outputs over training, the classic view of whether a network trains well (means drifting, stds
 * collapsing, dead ReLUs piling up at 0). The forward pass is swapped for a model with the same layers that also
 * returns the chosen outputs, so no extra pass runs; statistics stay on the device and are read at epoch ends.
 */
import * as tf from '@tensorflow/tfjs';
import type {Callback, FitState, Forward} from '../callback';
import {Series} from '../recorder';

/** Options of {@link ActivationStats}. */
export interface ActivationStatsOptions {
  /** Layer names to watch (default: every top-level layer with weights). */
  layers?: string[];
  /** Record every this many training batches (default 1). */
  every?: number;
  /** Also record histograms (default false). */
  histogram?: boolean;
  /** Histogram bins (default 40) over this value range (default [0, 10], fastai's, suited to ReLU outputs). */
  bins?: number;
  range?: [number, number];
}

/** Per-layer statistics over the recorded batches. */
export interface LayerStats {
  layer: string;
  /** Mean and standard deviation of the layer's output, one value per recorded batch. */
  mean: Series;
  std: Series;
  /** Histogram counts, `bins` per recorded batch, batch after batch (empty without `histogram`). */
  histogram: Float32Array[];
}

/** Records layer activation statistics; read `stats` after (or during) training. */
export class ActivationStats implements Callback {
  readonly name = 'activation-stats';
  readonly order = -1;
  readonly runsInLrFind = false;
  /** One entry per watched layer. */
  readonly stats: LayerStats[] = [];
  private readonly every: number;
  private readonly bins: number;
  private readonly range: [number, number];
  private readonly histogram: boolean;
  private pending: tf.Tensor[] = [];
  private original?: Forward;
  private edges?: tf.Tensor;

  constructor(private readonly options: ActivationStatsOptions = {}) {
    this.every = options.every ?? 1;
    this.bins = options.bins ?? 40;
    this.range = options.range ?? [0, 10];
    this.histogram = options.histogram ?? false;
    if (!(Number.isInteger(this.every) && this.every >= 1)) throw new Error('ActivationStats: every must be ≥ 1');
    if (!(this.range[1] > this.range[0])) throw new Error('ActivationStats: range must be [lo, hi] with lo < hi');
  }

  beforeFit(state: FitState): void {
    const model = state.learner.model;
    const names =
      this.options.layers ??
      model.layers.filter((l) => l.getClassName() !== 'InputLayer' && l.countParams() > 0).map((l) => l.name);
    if (this.stats.length === 0) {
      for (const layer of names) this.stats.push({layer, mean: new Series(), std: new Series(), histogram: []});
    }
    const watched = names.map((n) => model.getLayer(n).output);
    if (watched.some((o) => Array.isArray(o))) throw new Error('ActivationStats: watched layers must have one output');
    // One probe model returns every watched output and the model's output (which may itself be watched).
    const outputs = [...new Set([...(watched as tf.SymbolicTensor[]), model.outputs[0]])];
    const at = (t: tf.SymbolicTensor) => outputs.indexOf(t);
    const probe = tf.model({inputs: model.inputs, outputs});
    this.original = state.forward;
    const edges = this.histogram ? tf.keep(tf.linspace(this.range[0], this.range[1], this.bins + 1)) : undefined;
    state.forward = (x, training) => {
      const result = probe.apply(x, {training}) as tf.Tensor | tf.Tensor[];
      const all = Array.isArray(result) ? result : [result];
      if (training && state.trainIter % this.every === 0) {
        this.record(watched.map((t) => all[at(t as tf.SymbolicTensor)]), edges);
      }
      return all[at(model.outputs[0])];
    };
    this.edges = edges;
  }

  /** Statistics of one batch, kept on the device as one [layers, 2 + bins] tensor. */
  private record(acts: tf.Tensor[], edges: tf.Tensor | undefined): void {
    const rows = acts.map((a) => {
      const {mean, variance} = tf.moments(a);
      const parts = [tf.reshape(mean, [1]), tf.reshape(tf.sqrt(variance), [1])];
      if (edges) {
        // Counts below each edge (up to and including the top one), then differences: bins are [e_i, e_i+1), the
        // last [e_n-1, e_n]; values outside the range fall out, as in torch.histc.
        const flat = tf.reshape(a, [-1, 1]);
        const lower = tf.sum(tf.cast(tf.less(flat, tf.slice(edges, 0, this.bins)), 'float32'), 0);
        const top = tf.sum(tf.cast(tf.lessEqual(flat, tf.slice(edges, this.bins)), 'float32'), 0);
        const below = tf.concat([lower, top]);
        parts.push(tf.sub(tf.slice(below, 1), tf.slice(below, 0, this.bins)));
      }
      return tf.concat(parts);
    });
    this.pending.push(tf.keep(tf.stack(rows)));
  }

  async afterEpoch(): Promise<void> {
    await this.read();
  }

  async afterFit(state: FitState): Promise<void> {
    await this.read();
    if (this.original) state.forward = this.original;
    this.edges?.dispose();
    this.edges = undefined;
  }

  private async read(): Promise<void> {
    if (this.pending.length === 0) return;
    const all = tf.concat(this.pending);
    tf.dispose(this.pending);
    this.pending = [];
    const values = await all.data();
    all.dispose();
    const width = 2 + (this.histogram ? this.bins : 0);
    const layers = this.stats.length;
    for (let r = 0; r * layers * width < values.length; r++) {
      this.stats.forEach((s, i) => {
        const at = (r * layers + i) * width;
        s.mean.push(values[at]);
        s.std.push(values[at + 1]);
        if (this.histogram) s.histogram.push(Float32Array.from(values.subarray(at + 2, at + width)));
      });
    }
  }
}
