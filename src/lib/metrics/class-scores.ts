/**
 * Metrics read off the confusion matrix: precision, recall and F1 (classification), IoU and Dice (segmentation),
 * each either for one class or macro-averaged over the classes that occur.
 */
import type {Metric} from './types';
import {ConfusionMatrixAccumulator, type ClassScore} from './confusion';

/** Options of the confusion-matrix metrics. */
export interface ClassScoreOptions {
  /** Score only this class (e.g. 1, the positive class of a binary problem); macro average over classes if absent. */
  classIndex?: number;
  /** Number of classes, when it should be checked against the predictions (default: their last axis). */
  numClasses?: number;
}

function classScoreMetric(score: ClassScore, label: string, options: ClassScoreOptions): Metric {
  const {classIndex, numClasses} = options;
  if (classIndex !== undefined && !(Number.isInteger(classIndex) && classIndex >= 0)) {
    throw new Error(`${label}: classIndex must be a class code ≥ 0, got ${classIndex}`);
  }
  return {
    name: classIndex === undefined ? label : `${label}_${classIndex}`,
    higherIsBetter: true,
    accumulator() {
      const cm = new ConfusionMatrixAccumulator(numClasses);
      return {
        update: (yTrue, yPred, count) => cm.update(yTrue, yPred, count),
        async result() {
          const matrix = await cm.read();
          if (classIndex === undefined) return matrix.macro(score);
          if (classIndex >= matrix.numClasses) {
            throw new Error(`${label}: classIndex ${classIndex} is out of range for ${matrix.numClasses} classes`);
          }
          return matrix.perClass(score)[classIndex];
        },
        dispose: () => cm.dispose(),
      };
    },
  };
}

/** Precision TP/(TP + FP): of the items predicted as a class, the fraction that are. */
export function precision(options: ClassScoreOptions = {}): Metric {
  return classScoreMetric('precision', 'precision', options);
}

/** Recall TP/(TP + FN): of a class's items, the fraction found. */
export function recall(options: ClassScoreOptions = {}): Metric {
  return classScoreMetric('recall', 'recall', options);
}

/** F1 = 2·precision·recall/(precision + recall) = 2TP/(2TP + FP + FN). */
export function f1Score(options: ClassScoreOptions = {}): Metric {
  return classScoreMetric('f1', 'f1', options);
}

/** Intersection over union (Jaccard) TP/(TP + FP + FN), per class of a segmentation (or classification). */
export function iou(options: ClassScoreOptions = {}): Metric {
  return classScoreMetric('iou', 'iou', options);
}

/** Dice 2TP/(2TP + FP + FN) per class (fastai's `DiceMulti` when macro-averaged). */
export function diceScore(options: ClassScoreOptions = {}): Metric {
  return classScoreMetric('dice', 'dice', options);
}
