export {
  randomFlip,
  randomRotate90,
  randomRotation,
  randomShift,
  randomZoom,
  randomResizedCrop,
  elasticDistortion,
  randomBrightness,
  randomContrast,
  gaussianNoise,
  type Augmentation,
} from './augmentations';
export {augmentBatch, type AugmentInput, type AugmentOptions} from './apply';
export {planAugmentation, type AugmentPlan} from './plan';
export {remap, transformKernelWorks, type FillMode, type Interpolation, type SamplerChoice} from './sampler';
