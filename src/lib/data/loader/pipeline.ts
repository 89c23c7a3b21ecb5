/**
 * What happens to a batch on the device, in order: raw values → float × scale → (training) geometric and photometric
 * augmentation → normalisation → (training) Gaussian noise. `preprocess` is the same without augmentation, for
 * `Learner.predict`; `augmentNormalized` undoes the normalisation, augments and redoes it, for test-time augmentation.
 */
import * as tf from '@tensorflow/tfjs';
import {applyGeometry, applyNoise, applyPhotometric, type AugmentOptions} from '../augment/apply';
import type {Augmentation} from '../augment/augmentations';
import {planAugmentation} from '../augment/plan';
import {imageGeometry, type TargetKind} from './dataset';
import type {NormalizationStats} from './normalize';

/** The settings of a {@link Pipeline}. */
export interface PipelineConfig {
  itemShape: number[];
  target: TargetKind;
  /** Raw values are multiplied by this first (1/255 for bytes). */
  scale: number;
  stats?: NormalizationStats;
  augmentations: readonly Augmentation[];
  augmentOptions: AugmentOptions;
}

/** The device-side transformation shared by all loaders of one DataLoaders. */
export class Pipeline {
  private readonly mean?: tf.Tensor;
  private readonly std?: tf.Tensor;
  private readonly geometry?: [number, number, number];

  constructor(readonly config: PipelineConfig) {
    // Checked before the normalisation tensors exist, so that a rejected config leaves nothing to dispose.
    if (config.augmentations.length > 0) {
      this.geometry = imageGeometry(config.itemShape);
      if (!this.geometry) {
        throw new Error(`augmentation needs image items ([H, W, C] or a square [side²]); these items are [${config.itemShape.join(', ')}]`);
      }
    }
    if (config.stats) {
      // Per channel along the last axis of images; one scalar for anything else.
      const perChannel = config.itemShape.length === 3;
      const make = (values: number[]) => tf.keep(perChannel ? tf.tensor1d(values) : tf.scalar(values[0]));
      this.mean = make(config.stats.mean);
      this.std = make(config.stats.std);
    }
  }

  /** Whether training batches are augmented. */
  get augments(): boolean {
    return this.config.augmentations.length > 0;
  }

  /** Raw batch [B, ...itemShape] (any dtype) → model input; with a seed, augmented (y masks move with x). */
  forward(raw: tf.Tensor, y: tf.Tensor, augmentSeed?: number): {x: tf.Tensor; y: tf.Tensor} {
    return tf.tidy(() => {
      const scaled = this.scaled(raw);
      if (augmentSeed === undefined || !this.augments) return {x: this.normalize(scaled), y: tf.clone(y)};
      return this.augmentScaled(scaled, y, augmentSeed);
    });
  }

  /** Raw inputs → model input, without augmentation. */
  preprocess(raw: tf.Tensor): tf.Tensor {
    this.checkItemShape(raw, 'preprocess');
    return tf.tidy(() => this.normalize(this.scaled(raw)));
  }

  /** Normalised model inputs → scaled values (e.g. pixels in [0, 1]). */
  denormalize(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => (this.mean && this.std ? x.mul(this.std).add(this.mean) : tf.clone(x)));
  }

  /** Test-time augmentation of an already normalised batch. */
  augmentNormalized(x: tf.Tensor, y: tf.Tensor, seed: number): {x: tf.Tensor; y: tf.Tensor} {
    return tf.tidy(() => this.augmentScaled(this.denormalize(x), y, seed));
  }

  /** Frees the normalisation tensors. */
  dispose(): void {
    tf.dispose([this.mean, this.std].filter((t): t is tf.Tensor => t !== undefined));
  }

  private scaled(raw: tf.Tensor): tf.Tensor {
    const x = raw.dtype === 'float32' ? raw : raw.toFloat();
    return this.config.scale === 1 ? tf.clone(x) : x.mul(this.config.scale);
  }

  private normalize(scaled: tf.Tensor): tf.Tensor {
    return this.mean && this.std ? scaled.sub(this.mean).div(this.std) : scaled;
  }

  private augmentScaled(scaled: tf.Tensor, y: tf.Tensor, seed: number): {x: tf.Tensor; y: tf.Tensor} {
    const [height, width, channels] = this.geometry!;
    const batch = scaled.shape[0];
    const plan = planAugmentation(this.config.augmentations, batch, height, width, seed);
    const images = scaled.reshape([batch, height, width, channels]) as tf.Tensor4D;
    const mask = this.config.target === 'mask' ? (y as tf.Tensor3D) : undefined;
    const moved = applyGeometry({x: images, mask}, plan, this.config.augmentOptions);
    const x = applyNoise(this.normalize(applyPhotometric(moved.x, plan)).reshape(scaled.shape), plan);
    return {x, y: moved.mask ?? tf.clone(y)};
  }

  private checkItemShape(raw: tf.Tensor, what: string): void {
    const expected = this.config.itemShape;
    if (raw.rank !== expected.length + 1 || expected.some((d, i) => raw.shape[i + 1] !== d)) {
      throw new Error(`${what}: expected inputs [B, ${expected.join(', ')}], got [${raw.shape.join(', ')}]`);
    }
  }
}
