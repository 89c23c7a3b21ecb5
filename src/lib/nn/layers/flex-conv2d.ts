/**
 * `FlexConv2D`: the 2-D convolution tfjs-layers' `Conv2D` cannot express — grouped convolution (ResNeXt-style
 * `groups`) and dilation with a clear error on training. tfjs core has no gradient for dilated convolutions, so a
 * dilated layer runs inference only; its gradient throws an error that says which layer and what to do, instead of
 * tfjs' assertion deep inside backprop.
 */
import * as tf from '@tensorflow/tfjs';
import type {ActivationName} from './options';
import {reviveObject, serializeObject} from './serialization';

type Initializer = ReturnType<typeof tf.initializers.glorotNormal>;
type Regularizer = ReturnType<typeof tf.regularizers.l2>;
type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Arguments of the {@link FlexConv2D} layer (use the `conv2d` factory rather than this class directly). */
export interface FlexConv2DArgs extends LayerArgs {
  /** Output channels. */
  filters: number;
  /** Window [height, width]. */
  kernelSize: [number, number];
  /** Default [1, 1]. */
  strides?: [number, number];
  /** Default `valid`. */
  padding?: 'valid' | 'same';
  /** Default [1, 1]; more than 1 makes the layer inference-only. */
  dilationRate?: [number, number];
  /** Input and output channels split into this many independent groups. Default 1. */
  groups?: number;
  /** Default `linear`. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
  /** Default Glorot uniform. */
  kernelInitializer?: Initializer;
  /** Default zeros. */
  biasInitializer?: Initializer;
  /** Penalty on the kernel, added to the loss by `model.fit`. */
  kernelRegularizer?: Regularizer;
}

/** Grouped and/or dilated (inference-only) 2-D convolution, channels last; see the module notes. */
export class FlexConv2D extends tf.layers.Layer {
  /** Name under which tfjs serialises this class. */
  static readonly className = 'FlexConv2D';
  /** Configuration, as in {@link FlexConv2DArgs} with defaults filled in. */
  readonly filters: number;
  /** Window [height, width]. */
  readonly kernelSize: [number, number];
  /** Stride [rows, columns]. */
  readonly strides: [number, number];
  /** Padding mode. */
  readonly padding: 'valid' | 'same';
  /** Dilation [rows, columns]. */
  readonly dilationRate: [number, number];
  /** Channel groups. */
  readonly groups: number;
  /** Output activation. */
  readonly activation: ActivationName;
  /** Whether a bias is added. */
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | undefined;
  private readonly activationLayer: tf.layers.Layer;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(args: FlexConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? [1, 1];
    this.padding = args.padding ?? 'valid';
    this.dilationRate = args.dilationRate ?? [1, 1];
    this.groups = args.groups ?? 1;
    this.activation = args.activation ?? 'linear';
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = reviveObject<Initializer>(args.kernelInitializer, 'FlexConv2D kernelInitializer') ?? tf.initializers.glorotUniform({});
    this.biasInitializer = reviveObject<Initializer>(args.biasInitializer, 'FlexConv2D biasInitializer') ?? tf.initializers.zeros();
    this.kernelRegularizer = reviveObject<Regularizer>(args.kernelRegularizer, 'FlexConv2D kernelRegularizer');
    this.activationLayer = tf.layers.activation({activation: this.activation});
    if (!Number.isInteger(this.groups) || this.groups < 1) throw new Error(`conv2d '${this.name}': groups must be a positive integer, got ${this.groups}`);
    if (this.filters % this.groups !== 0) {
      throw new Error(`conv2d '${this.name}': filters (${this.filters}) must be divisible by groups (${this.groups})`);
    }
    if (this.isDilated() && this.strides.some((s) => s !== 1)) {
      throw new Error(`conv2d '${this.name}': dilation ${this.dilationRate.join('x')} needs stride 1 (tfjs cannot combine them), got ${this.strides.join('x')}`);
    }
  }

  private isDilated(): boolean {
    return this.dilationRate.some((d) => d !== 1);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new Error(`conv2d '${this.name}': the number of input channels must be known`);
    if (channels % this.groups !== 0) {
      throw new Error(`conv2d '${this.name}': input channels (${channels}) must be divisible by groups (${this.groups})`);
    }
    const kernelShape = [...this.kernelSize, channels / this.groups, this.filters];
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', this.kernelInitializer, this.kernelRegularizer, true);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer, undefined, true);
    // tfjs creates the variables trainable even for a layer constructed frozen; make them follow the layer.
    if (!this.trainable) this.trainable = false;
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const out = [0, 1].map((axis) => {
      const size = shape[axis + 1];
      if (size == null) return null;
      const span = (this.kernelSize[axis] - 1) * this.dilationRate[axis] + 1;
      const stride = this.strides[axis];
      return this.padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - span) / stride) + 1;
    });
    return [shape[0], out[0], out[1], this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const kernel = this.kernel!.read() as tf.Tensor4D;
      let y: tf.Tensor = this.isDilated() ? this.inferenceOnlyConv(x, kernel) : this.convolve(x, kernel);
      if (this.bias) y = tf.add(y, this.bias.read() as tf.Tensor1D);
      return this.activationLayer.apply(y) as tf.Tensor;
    });
  }

  private convolve(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
    const conv = (xi: tf.Tensor4D, wi: tf.Tensor4D) => tf.conv2d(xi, wi, this.strides, this.padding, 'NHWC', this.dilationRate);
    if (this.groups === 1) return conv(x, kernel);
    const xs = tf.split(x, this.groups, 3) as tf.Tensor4D[];
    const ws = tf.split(kernel, this.groups, 3) as tf.Tensor4D[];
    return tf.concat(xs.map((xi, g) => conv(xi, ws[g])), 3);
  }

  /** The dilated forward pass, whose gradient throws a clear error (tfjs has none for dilated convolutions). */
  private inferenceOnlyConv(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
    const message =
      `conv2d '${this.name}' has dilation ${this.dilationRate.join('x')}, and tfjs has no gradient for dilated ` +
      'convolutions, so it runs inference only. To train, use dilation 1, or freeze this layer and every layer ' +
      'before it (e.g. freezeTo) so that no gradient has to flow through it.';
    const guarded = tf.customGrad((xi, wi) => ({
      value: this.convolve(xi as tf.Tensor4D, wi as tf.Tensor4D),
      gradFunc: () => {
        throw new Error(message);
      },
    }));
    return guarded(x, kernel) as tf.Tensor4D;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      groups: this.groups,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: serializeObject(this.kernelInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer),
    };
  }
}
tf.serialization.registerClass(FlexConv2D);
