/**
 * Freezing by layer groups, fastai-style (transfer learning: train the head first, then everything).
 *
 * Batch-norm layers are never frozen here: as in fastai (`train_bn=True`), a frozen body's BN layers keep training
 * their scale and shift and keep using batch statistics in training, updating their moving averages. (tfjs-layers
 * does not switch a non-trainable BN to inference mode during training the way Keras does; leaving BN trainable
 * makes that moot and is what fastai found works best for fine-tuning.) Pass `{trainBatchNorm: false}` to freeze
 * them too; they then keep γ/β fixed but, in tfjs, still normalise with batch statistics while training.
 *
 * Freezing sets `layer.trainable`, which marks the layer's variables non-trainable: custom loops
 * (`tf.variableGrads`, `optimizer.minimize`), Deep Sky's optimizers and `model.fit` all skip them. Call
 * `model.compile` again before `model.fit` if the model was compiled earlier, as in Keras.
 */
import type * as tf from '@tensorflow/tfjs';
import {layerGroups} from './layer-groups';
import {isNormLayer} from './layers';

/** Options of {@link freezeTo}. */
export interface FreezeOptions {
  /** Keep normalisation layers trainable in frozen groups (fastai's `train_bn`). Default true. */
  trainBatchNorm?: boolean;
}

/**
 * Freezes the layer groups before group `n` and unfreezes the rest; a negative `n` counts from the end, so
 * `freezeTo(model, -1)` freezes everything but the head. Returns how many layers are now frozen.
 */
export function freezeTo(model: tf.LayersModel, n: number, options: FreezeOptions = {}): number {
  const groups = layerGroups(model);
  const cut = n < 0 ? Math.max(0, groups.length + n) : Math.min(n, groups.length);
  const trainBn = options.trainBatchNorm ?? true;
  let frozen = 0;
  groups.forEach((group, g) => {
    for (const layer of group) {
      const freeze = g < cut && !(trainBn && isNormLayer(layer));
      layer.trainable = !freeze;
      if (freeze) frozen++;
    }
  });
  return frozen;
}

/** Freezes every layer group but the last (the head); normalisation layers stay trainable by default. */
export function freezeBody(model: tf.LayersModel, options: FreezeOptions = {}): number {
  return freezeTo(model, -1, options);
}

/** Makes every layer of the model trainable again. */
export function unfreeze(model: tf.LayersModel): void {
  for (const layer of model.layers) layer.trainable = true;
}

/**
 * Makes every layer's variables follow its `trainable` flag (tfjs leaves the variables of a layer constructed or
 * loaded frozen trainable). Model loading calls this.
 */
export function syncTrainable(model: tf.LayersModel): void {
  const visit = (layer: tf.layers.Layer) => {
    const nested = (layer as unknown as {layers?: tf.layers.Layer[]}).layers;
    if (Array.isArray(nested)) nested.forEach(visit);
    else if (!layer.trainable) layer.trainable = false;
  };
  model.layers.forEach(visit);
}
