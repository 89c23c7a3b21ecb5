export {
  DataLoaders,
  ArrayDataLoaders,
  type ArraySplits,
  type DataLoadersOptions,
  type DatasetLoadersOptions,
  type SplitArrays,
  type TensorSplits,
} from './data-loaders';
export {ArrayDataLoader, disposeBatch, type ArrayDataLoaderConfig} from './data-loader';
export {type ArrayDataset, type HostArray, type TargetKind} from './dataset';
export {IMAGENET_STATS, type NormalizationStats, type NormalizeSpec} from './normalize';
export {Pipeline, type PipelineConfig} from './pipeline';
