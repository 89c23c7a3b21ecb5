/**
 * Segmentation interpretation: which images the model segments worst (per-item loss: the loss's mean over pixels),
 * with each item's pixel accuracy and the item itself for display.
 */
import * as tf from '@tensorflow/tfjs';
import type {DataLoader, ItemPreview} from '../../data/types';
import {predictedCodes} from '../../metrics/rows';
import type {CallOptions, Learner, Split} from '../learner';
import {rowsByLoss} from './read-predictions';

/** One of the worst-segmented items. */
export interface SegmentationTopLoss {
  index: number;
  row: number;
  loss: number;
  /** Fraction of the item's pixels predicted correctly. */
  pixelAccuracy: number;
  item?: ItemPreview;
}

/** Per-item losses and accuracies of a segmentation model on one split. */
export class SegmentationInterpretation {
  constructor(
    readonly losses: Float32Array,
    readonly pixelAccuracy: Float32Array,
    readonly indices: Int32Array,
    readonly loader?: DataLoader,
  ) {
    if (pixelAccuracy.length !== losses.length || indices.length !== losses.length) {
      throw new Error('SegmentationInterpretation: losses, pixel accuracies and indices must have one entry per item');
    }
  }

  /** Interprets a learner's predictions on a split (default the validation set). */
  static async fromLearner(
    learner: Learner,
    split: Split | DataLoader = 'valid',
    options: CallOptions = {},
  ): Promise<SegmentationInterpretation> {
    const preds = await learner.getPreds(split, options);
    let accuracy: tf.Tensor | undefined;
    try {
      accuracy = tf.tidy(() => {
        const {preds: p, targets: y} = preds;
        const binary = p.shape[p.rank - 1] === 1;
        const predicted = predictedCodes(p);
        const oneHot = y.rank === p.rank && !binary;
        const truth = oneHot ? tf.argMax(y, -1) : tf.cast(tf.reshape(y, predicted.shape), 'int32');
        const hits = tf.cast(tf.equal(predicted, truth), 'float32');
        return tf.mean(tf.reshape(hits, [hits.shape[0], -1]), 1);
      });
      const loader = typeof split === 'string' ? learner.dls[split] : split;
      return new SegmentationInterpretation(preds.losses!, Float32Array.from(await accuracy.data()), preds.indices, loader);
    } finally {
      tf.dispose([preds.preds, preds.targets, ...(accuracy ? [accuracy] : [])]);
    }
  }

  /** The k items with the largest losses (or smallest, with `largest: false`). */
  topLosses(k = 9, options: {largest?: boolean} = {}): SegmentationTopLoss[] {
    return rowsByLoss(this.losses, k, options.largest ?? true).map((row) => ({
      index: this.indices[row],
      row,
      loss: this.losses[row],
      pixelAccuracy: this.pixelAccuracy[row],
      item: this.loader?.preview(this.indices[row]),
    }));
  }
}
