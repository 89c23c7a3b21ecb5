/**
 * Classification interpretation (fastai's `ClassificationInterpretation`): after training, which classes are
 * confused with which, and which items the model got most wrong, with the items themselves for display.
 */
import type {DataLoader, ItemPreview} from '../../data/types';
import {ConfusionMatrix} from '../../metrics/confusion';
import type {CallOptions, Learner, Split} from '../learner';
import {argmaxRows, classProbabilities, rowsByLoss} from './read-predictions';

/** The data an interpretation works on: one row per item. */
export interface ClassificationData {
  /** Probabilities, `numClasses` per item, row-major. */
  probs: Float32Array;
  numClasses: number;
  /** True class of each item. */
  targets: Int32Array;
  /** Per-item loss. */
  losses: Float32Array;
  /** Dataset index of each item (for `loader.preview`). */
  indices: Int32Array;
  /** Class names, index = class code. */
  classes?: string[];
  /** Where the items came from, to show them. */
  loader?: DataLoader;
}

/** A pair of classes and how often the first was predicted as the second. */
export interface Confusion {
  actual: string;
  predicted: string;
  count: number;
}

/** One of the top losses. */
export interface TopLoss {
  /** Dataset index, and row in the interpretation's arrays. */
  index: number;
  row: number;
  loss: number;
  actual: string;
  predicted: string;
  /** The probability the model gave its prediction, and the true class. */
  probability: number;
  actualProbability: number;
  /** The item, when the interpretation knows its loader. */
  item?: ItemPreview;
}

/** Confusion matrix, most-confused pairs and top losses of a classifier. */
export class ClassificationInterpretation {
  /** Predicted class (argmax) of each item. */
  readonly predicted: Int32Array;

  constructor(readonly data: ClassificationData) {
    const {probs, numClasses, targets, losses, indices} = data;
    const n = targets.length;
    if (probs.length !== n * numClasses || losses.length !== n || indices.length !== n) {
      throw new Error(
        `ClassificationInterpretation: ${n} targets need ${n * numClasses} probabilities, ${n} losses and indices ` +
          `(got ${probs.length}, ${losses.length}, ${indices.length})`,
      );
    }
    this.predicted = argmaxRows(probs, numClasses);
  }

  /** Interprets a learner's predictions on a split (default the validation set). */
  static async fromLearner(
    learner: Learner,
    split: Split | DataLoader = 'valid',
    options: CallOptions = {},
  ): Promise<ClassificationInterpretation> {
    const preds = await learner.getPreds(split, options);
    try {
      const {probs, numClasses, targets} = await classProbabilities(preds.preds, preds.targets);
      const loader = typeof split === 'string' ? learner.dls[split] : split;
      return new ClassificationInterpretation({
        probs,
        numClasses,
        targets,
        losses: preds.losses!,
        indices: preds.indices,
        classes: learner.dls.classes,
        loader,
      });
    } finally {
      preds.preds.dispose();
      preds.targets.dispose();
    }
  }

  private label(code: number): string {
    return this.data.classes?.[code] ?? String(code);
  }

  /** Rows: true class, columns: predicted class. */
  confusionMatrix(): ConfusionMatrix {
    const k = this.data.numClasses;
    const counts = new Float64Array(k * k);
    this.data.targets.forEach((t, i) => counts[t * k + this.predicted[i]]++);
    return new ConfusionMatrix(k, counts);
  }

  /** Off-diagonal cells with at least `minVal` items, most frequent first (ties by class order). */
  mostConfused(minVal = 1): Confusion[] {
    const cm = this.confusionMatrix();
    const out: Confusion[] = [];
    for (let t = 0; t < cm.numClasses; t++) {
      for (let p = 0; p < cm.numClasses; p++) {
        const count = cm.get(t, p);
        if (t !== p && count >= minVal && count > 0) out.push({actual: this.label(t), predicted: this.label(p), count});
      }
    }
    return out.sort((a, b) => b.count - a.count);
  }

  /** The k items with the largest losses (or smallest, with `largest: false`), with their items when known. */
  topLosses(k = 9, options: {largest?: boolean} = {}): TopLoss[] {
    const {losses, targets, probs, numClasses, indices, loader} = this.data;
    return rowsByLoss(losses, k, options.largest ?? true).map((row) => {
      const predicted = this.predicted[row];
      const actual = targets[row];
      return {
        index: indices[row],
        row,
        loss: losses[row],
        actual: this.label(actual),
        predicted: this.label(predicted),
        probability: probs[row * numClasses + predicted],
        actualProbability: probs[row * numClasses + actual],
        item: loader?.preview(indices[row]),
      };
    });
  }
}
