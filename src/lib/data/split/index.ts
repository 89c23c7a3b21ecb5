export {
  randomSplitter,
  functionSplitter,
  folderSplitter,
  columnSplitter,
  DEFAULT_SPLIT_FOLDERS,
  type SplitIndices,
  type SplitItems,
  type Splitter,
} from './splitters';
export {findLeakage, type LeakageReport, type LeakedItem, type LeakagePart} from './leakage';
