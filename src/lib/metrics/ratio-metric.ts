/**
 * Most metrics are a ratio of two sums over the pass (correct / counted, |error| / elements). This builds such a
 * metric from a per-batch function: the numerator always accumulates on the device, the denominator too unless it
 * is known in JS from the row count, and nothing is read back before `result()`.
 */
import * as tf from '@tensorflow/tfjs';
import type {Metric, MetricAccumulator} from './types';
import {DeviceSum} from './rows';

/** One batch's contribution: a scalar numerator on the device, and a denominator on the device or in JS. */
export interface RatioParts {
  num: tf.Tensor;
  den: tf.Tensor | number;
}

/** How a ratio metric is defined. */
export interface RatioMetricSpec {
  name: string;
  higherIsBetter: boolean;
  /** The batch's parts; called inside `tf.tidy`, only the first `count` rows are real. */
  parts(yTrue: tf.Tensor, yPred: tf.Tensor, count: number): RatioParts;
  /** Maps Σnum/Σden to the reported value (e.g. 1 − x for an error rate, √x for RMSE). */
  finish?(ratio: number): number;
}

/** A metric that reports `finish(Σnum / Σden)` over a pass; NaN when nothing was counted. */
export function ratioMetric(spec: RatioMetricSpec): Metric {
  return {
    name: spec.name,
    higherIsBetter: spec.higherIsBetter,
    accumulator(): MetricAccumulator {
      const num = new DeviceSum();
      const den = new DeviceSum();
      let denInJs = 0;
      return {
        update(yTrue, yPred, count) {
          if (count <= 0) return;
          tf.tidy(() => {
            const parts = spec.parts(yTrue, yPred, count);
            num.add(parts.num);
            if (typeof parts.den === 'number') denInJs += parts.den;
            else den.add(parts.den);
          });
        },
        async result() {
          const n = (await num.read())?.[0] ?? 0;
          const d = denInJs + ((await den.read())?.[0] ?? 0);
          const ratio = d > 0 ? n / d : NaN;
          return spec.finish ? spec.finish(ratio) : ratio;
        },
        dispose() {
          num.dispose();
          den.dispose();
        },
      };
    },
  };
}
