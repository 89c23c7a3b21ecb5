// The contract types; `DataLoaders` (type and factories) comes from ./loader, which re-exports the contract's type.
export type {Batch, DataLoader, ItemPreview} from './types';
export * from './mnist';
export * from './loader';
export * from './split';
export * from './augment';
export {createRng, deriveSeed, permutation, type Rng} from './random';
export {showBatch, type ShowBatchData, type ShowBatchItem, type ShowBatchDataOptions} from './show-batch';
export * from './sources';
