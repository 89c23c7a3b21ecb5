/**
 * Reading training losses back without stalling the device. Each batch's loss stays on the device; every `every`
 * batches they are stacked and one read is started. The loop waits only for the previous read, so the device always
 * has the latest batches queued while JS waits (no pipeline bubble), and JS never runs more than 2·`every` batches
 * ahead of the device.
 */
import * as tf from '@tensorflow/tfjs';

/** Collects per-batch loss scalars on the device and reads them back in pipelined chunks (see the module comment). */
export class LossReadout {
  private pending: tf.Scalar[] = [];
  private delivered: Promise<void> = Promise.resolve();

  /**
   * @param every batches between reads (≥ 1)
   * @param deliver receives the values of each read, in batch order
   */
  constructor(
    private readonly every: number,
    private readonly deliver: (values: Float32Array) => void,
  ) {
    if (!(Number.isInteger(every) && every >= 1)) throw new Error(`readEvery must be an integer ≥ 1, got ${every}`);
  }

  /** Takes ownership of a kept scalar loss. */
  push(loss: tf.Scalar): void {
    this.pending.push(loss);
  }

  /** Starts a read when `every` losses are pending and waits for the one before it. True when values arrived. */
  async maybeRead(): Promise<boolean> {
    if (this.pending.length < this.every) return false;
    const previous = this.startRead();
    await previous;
    return true;
  }

  /** Reads everything still pending and waits until it is delivered. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) this.startRead();
    await this.delivered;
  }

  /** Returns the promise of the read before this one. */
  private startRead(): Promise<void> {
    const scalars = this.pending;
    this.pending = [];
    const stacked = tf.stack(scalars);
    tf.dispose(scalars);
    const values = stacked.data();
    const previous = this.delivered;
    this.delivered = Promise.all([values, previous]).then(([v]) => {
      stacked.dispose();
      this.deliver(Float32Array.from(v));
    });
    return previous;
  }

  /** Drops pending losses without reading them. */
  dispose(): void {
    tf.dispose(this.pending);
    this.pending = [];
  }
}
