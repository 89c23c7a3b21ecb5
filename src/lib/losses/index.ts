export type * from './types';
export {quadraticLoss, mseLoss, l1Loss, smoothL1Loss, type SmoothL1Options} from './regression';
export {
  crossEntropyLoss,
  labelSmoothingCrossEntropyLoss,
  logLikelihoodLoss,
  type CrossEntropyOptions,
  type LabelSmoothingOptions,
} from './cross-entropy';
export {binaryCrossEntropyLoss, type BinaryCrossEntropyOptions} from './binary-cross-entropy';
export {diceLoss, type DiceLossOptions} from './dice';
export {l1Penalty, l2Penalty, type PenaltyOptions} from './penalties';
