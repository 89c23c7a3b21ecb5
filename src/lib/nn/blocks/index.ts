export {convBnAct, type ConvBnActOptions} from './conv-bn-act';
export {applyLayer, chain} from './graph';
export {basicBlock, bottleneckBlock, residualBlock, xresBlock, type ResidualBlockOptions} from './residual';
export {squeezeExcite, type SqueezeExciteOptions} from './squeeze-excite';
export {unetDecoderBlock, type UnetDecoderOptions} from './unet-decoder';
