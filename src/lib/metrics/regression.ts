/** Regression metrics: mean absolute error and root mean squared error over every output of the real rows. */
import * as tf from '@tensorflow/tfjs';
import type {Metric} from './types';
import {ratioMetric} from './ratio-metric';
import {maskRows, perRow} from './rows';

function errors(name: string, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  if (yTrue.size !== yPred.size) {
    throw new Error(`${name}: targets [${yTrue.shape.join(', ')}] must match predictions [${yPred.shape.join(', ')}]`);
  }
  return tf.sub(yPred, tf.reshape(yTrue, yPred.shape));
}

/** Mean absolute error over all outputs of all real rows. */
export function mae(): Metric {
  return ratioMetric({
    name: 'mae',
    higherIsBetter: false,
    parts: (yTrue, yPred, count) => ({
      num: tf.sum(maskRows(tf.abs(errors('mae', yTrue, yPred)), count)),
      den: count * perRow(yPred),
    }),
  });
}

/** Root mean squared error: √(Σ(a − y)² / N) over the whole pass (not a mean of per-batch roots). */
export function rmse(): Metric {
  return ratioMetric({
    name: 'rmse',
    higherIsBetter: false,
    parts: (yTrue, yPred, count) => ({
      num: tf.sum(maskRows(tf.square(errors('rmse', yTrue, yPred)), count)),
      den: count * perRow(yPred),
    }),
    finish: Math.sqrt,
  });
}
