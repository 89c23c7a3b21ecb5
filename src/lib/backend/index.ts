export * from './types';
export {initBackend, describeAdapter, type InitBackendOptions} from './init-backend';
export {onBackendLost, type BackendLostEvent, type BackendLostListener} from './device-loss';
export {
  largestActivation,
  tensorByteLimit,
  safeBatchSize,
  assertBatchFits,
  type LargestActivation,
  type TensorByteLimit,
  type BatchSizeOptions,
} from './batch-size';
