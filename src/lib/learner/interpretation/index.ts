export {
  ClassificationInterpretation,
  type ClassificationData,
  type Confusion,
  type TopLoss,
} from './classification';
export {SegmentationInterpretation, type SegmentationTopLoss} from './segmentation';
