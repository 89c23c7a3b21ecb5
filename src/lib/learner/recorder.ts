/**
 * The training history, as plain typed arrays that grow while a fit runs: per training batch the loss, learning
 * rate and momentum; per epoch the train and valid losses and every metric. Plots read it live (the getters return
 * views of what has been filled so far).
 */

/** A Float32Array that grows by doubling; `values` is a view of the filled part. */
export class Series {
  private data = new Float32Array(64);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  /** Overwrites entry `index` (< length). */
  set(index: number, value: number): void {
    if (index >= this.size) throw new RangeError(`Series.set: index ${index} ≥ length ${this.size}`);
    this.data[index] = value;
  }

  get length(): number {
    return this.size;
  }

  /** The filled part (a view: copy it to keep it past further pushes). */
  get values(): Float32Array {
    return this.data.subarray(0, this.size);
  }

  /** The last value, NaN when empty. */
  last(): number {
    return this.size > 0 ? this.data[this.size - 1] : NaN;
  }

  clear(): void {
    this.size = 0;
  }
}

/** One epoch's results as the recorder stores them. */
export interface EpochRecord {
  /** Epoch number over the learner's life (0-based). */
  epoch: number;
  trainLoss: number;
  validLoss: number;
  metrics: Record<string, number>;
  /** Wall-clock seconds the epoch took (training and validation). */
  seconds: number;
}

/** A recorder's contents as plain, structured-cloneable data (what checkpoints keep). */
export interface RecorderHistory {
  batchLoss: Float32Array;
  batchLr: Float32Array;
  batchMom: Float32Array;
  epochs: EpochRecord[];
}

/**
 * History of a learner's training, across fits (`reset()` clears it). `batchLoss` fills in chunks as losses are read
 * back from the device (every `readEvery` batches), never per batch; `batchLr` and `batchMom` grow with every batch.
 */
export class Recorder {
  /** Training loss of each batch (mean over its real rows, without the weight penalty). */
  readonly batchLoss = new Series();
  /** Learning rate and momentum of each batch, as the optimizer used them (top layer group). */
  readonly batchLr = new Series();
  readonly batchMom = new Series();
  /** Per epoch: its number over the learner's life, train loss (mean of its batch losses), valid loss, seconds. */
  readonly epoch = new Series();
  readonly trainLoss = new Series();
  readonly validLoss = new Series();
  readonly epochSeconds = new Series();
  /** Per epoch, each metric by name. */
  readonly metrics = new Map<string, Series>();

  /** Records the end of an epoch. */
  addEpoch(record: EpochRecord): void {
    this.epoch.push(record.epoch);
    this.trainLoss.push(record.trainLoss);
    this.validLoss.push(record.validLoss);
    this.epochSeconds.push(record.seconds);
    for (const [name, value] of Object.entries(record.metrics)) {
      let series = this.metrics.get(name);
      if (!series) {
        series = new Series();
        // Epochs recorded before this metric existed read as NaN.
        for (let i = 0; i < this.epoch.length - 1; i++) series.push(NaN);
        this.metrics.set(name, series);
      }
      series.push(value);
    }
    // Metrics this epoch did not report read as NaN, so every series stays aligned with `epoch`.
    for (const [name, series] of this.metrics) if (!(name in record.metrics)) series.push(NaN);
  }

  /** The value of `name` ('train_loss', 'valid_loss' or a metric) at the last epoch; NaN if unknown. */
  lastValue(name: string): number {
    if (name === 'train_loss') return this.trainLoss.last();
    if (name === 'valid_loss') return this.validLoss.last();
    return this.metrics.get(name)?.last() ?? NaN;
  }

  /** The per-epoch values as records (for tables and CSV). */
  epochs(): EpochRecord[] {
    return Array.from(this.epoch.values, (epoch, i) => ({
      epoch,
      trainLoss: this.trainLoss.values[i],
      validLoss: this.validLoss.values[i],
      metrics: Object.fromEntries([...this.metrics].map(([name, s]) => [name, s.values[i]])),
      seconds: this.epochSeconds.values[i],
    }));
  }

  /** A copy of everything recorded so far. */
  snapshot(): RecorderHistory {
    return {batchLoss: this.batchLoss.values.slice(), batchLr: this.batchLr.values.slice(), batchMom: this.batchMom.values.slice(), epochs: this.epochs()};
  }

  /** Replaces the history with a snapshot's. */
  restore(history: RecorderHistory): void {
    this.reset();
    for (const [series, values] of [[this.batchLoss, history.batchLoss], [this.batchLr, history.batchLr], [this.batchMom, history.batchMom]] as const) {
      for (const v of values) series.push(v);
    }
    for (const record of history.epochs) this.addEpoch(record);
  }

  reset(): void {
    for (const s of [this.batchLoss, this.batchLr, this.batchMom, this.epoch, this.trainLoss, this.validLoss]) s.clear();
    this.epochSeconds.clear();
    this.metrics.clear();
  }
}
