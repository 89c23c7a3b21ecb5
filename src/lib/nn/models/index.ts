export {applyHeadOutput, type HeadOutput} from './head';
export {lenet5, type LeNet5Options} from './lenet';
export {network3, NETWORK3_LADDER, type Network3Options} from './network3';
export {nielsenNetwork, type NielsenNetworkOptions} from './nielsen';
export {resnet, resnet18, resnet34, resnet50, resnetBody, type ResNetBody, type ResNetDepth, type ResNetOptions} from './resnet';
export {simpleCnn, type SimpleCnnOptions} from './simple-cnn';
export {unet, type UnetEncoder, type UnetOptions} from './unet';
export {vgg, type VggOptions} from './vgg';
export {xresnet, type XResNetOptions} from './xresnet';
