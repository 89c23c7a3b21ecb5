export {activation, gelu, leakyRelu, relu, sigmoid, softmax, tanh, type LeakyReluOptions, type SoftmaxOptions} from './activations';
export {batchNorm, isNormLayer, type BatchNormOptions} from './batch-norm';
export {
  conv2d,
  conv2dTranspose,
  depthwiseConv2d,
  separableConv2d,
  type Conv2dOptions,
  type Conv2dTransposeOptions,
  type ConvCommonOptions,
  type DepthwiseConv2dOptions,
  type SeparableConv2dOptions,
} from './conv';
export {dense, type DenseOptions} from './dense';
export {FlexConv2D, type FlexConv2DArgs} from './flex-conv2d';
export {add, concatenate, multiply, upsample2d, type ConcatenateOptions, type Upsample2dOptions} from './merge';
export {nielsenL2, type ActivationName, type LayerOptions, type WeightOptions} from './options';
export {avgPool2d, globalAvgPool2d, globalMaxPool2d, maxPool2d, type Pool2dOptions} from './pooling';
export {dropout, flatten, type DropoutOptions} from './structural';
