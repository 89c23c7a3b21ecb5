/**
 * A plain (untruncated) Gaussian whose variance is scaled by a layer's fan: the family behind Nielsen's
 * N(0, 1/n_in), network3's N(0, 1/n_out) and PyTorch's kaiming_normal_. tfjs' own `varianceScaling` draws from a
 * truncated normal, which has a smaller variance than asked for, so it cannot reproduce these exactly.
 *
 * In a saved model.json it is written as Keras' standard `VarianceScaling` (as tfjs writes GlorotUniform), so
 * library models stay loadable by Keras and tfjs' converter without custom objects. An initialiser only acts when a
 * model is built; a loaded model takes its saved weights, so nothing is lost.
 */
import * as tf from '@tensorflow/tfjs';

/** Options of {@link fanNormal}. */
export interface FanNormalOptions {
  /** Which fan divides the variance: inputs per unit (`fanIn`) or outputs per unit (`fanOut`). */
  mode: 'fanIn' | 'fanOut';
  /** Variance numerator: 1 for Nielsen's initialisers, 2 for He/Kaiming with ReLU. Default 1. */
  scale?: number;
  /**
   * Network3's conv-pool layer counts a unit's outputs after pooling: n_out = filters·k²/poolArea. Pass the pool's
   * area (4 for 2x2) with `mode: 'fanOut'` to get that. Default 1.
   */
  poolArea?: number;
  /** Seed for reproducible draws. */
  seed?: number;
}

/** The tfjs-layers initializer base class; tfjs does not export it by name, so take it from a built-in initializer. */
type Initializer = ReturnType<typeof tf.initializers.glorotNormal>;
const InitializerBase = Object.getPrototypeOf(tf.initializers.zeros().constructor) as (abstract new () => Initializer) &
  Pick<typeof tf.serialization.Serializable, 'fromConfig'>;

/** Fans as tfjs-layers computes them: [in, out] for dense kernels, times the receptive field for conv kernels. */
export function kernelFans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length >= 3 && shape.length <= 5) {
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
  }
  const size = Math.sqrt(shape.reduce((a, b) => a * b, 1));
  return [size, size];
}

/** The initializer behind {@link fanNormal}. */
export class FanNormal extends InitializerBase {
  /** See {@link FanNormalOptions}. */
  readonly mode: 'fanIn' | 'fanOut';
  /** Variance numerator. */
  readonly scale: number;
  /** Divisor of the fan-out (network3's pool area). */
  readonly poolArea: number;
  /** Seed, if any. */
  readonly seed: number | undefined;

  constructor(options: FanNormalOptions) {
    super();
    if (options.mode !== 'fanIn' && options.mode !== 'fanOut') {
      throw new Error(`fanNormal: mode must be 'fanIn' or 'fanOut', got '${String(options.mode)}'`);
    }
    this.mode = options.mode;
    this.scale = options.scale ?? 1;
    this.poolArea = options.poolArea ?? 1;
    this.seed = options.seed ?? undefined;
    if (!(this.scale > 0) || !(this.poolArea > 0)) {
      throw new Error(`fanNormal: scale and poolArea must be positive, got ${this.scale} and ${this.poolArea}`);
    }
  }

  /** The standard deviation this initializer uses for a kernel of `shape`. */
  stddev(shape: readonly number[]): number {
    const [fanIn, fanOut] = kernelFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : fanOut / this.poolArea;
    return Math.sqrt(this.scale / Math.max(fan, 1e-12));
  }

  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    return tf.randomNormal(shape, 0, this.stddev(shape), (dtype ?? 'float32') as 'float32', this.seed);
  }

  /** Saved as Keras' `VarianceScaling` (see the module notes). */
  override getClassName(): string {
    return 'VarianceScaling';
  }

  /** The equivalent `VarianceScaling` config: variance scale·poolArea/fan = scale/(fan/poolArea). */
  override getConfig(): tf.serialization.ConfigDict {
    return {scale: this.scale * (this.mode === 'fanOut' ? this.poolArea : 1), mode: this.mode, distribution: 'normal', seed: this.seed ?? null};
  }
}

/**
 * A Gaussian initializer N(0, scale/fan) (untruncated):
 * - `fanNormal({mode: 'fanIn'})` — Nielsen's network2 default, N(0, 1/n_in);
 * - `fanNormal({mode: 'fanOut'})` — network3's fully connected layers, N(0, 1/n_out);
 * - `fanNormal({mode: 'fanOut', poolArea: 4})` — network3's conv-pool layers, n_out = filters·k²/4;
 * - `fanNormal({mode: 'fanOut', scale: 2})` — PyTorch's `kaiming_normal_(mode='fan_out')` as torchvision's ResNet uses.
 */
export function fanNormal(options: FanNormalOptions): FanNormal {
  return new FanNormal(options);
}
