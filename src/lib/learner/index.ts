export {Learner} from './learner';
export type {
  LearnerOptions,
  CallOptions,
  FitOptions,
  FineTuneOptions,
  LearningRates,
  Split,
  GetPredsOptions,
  TtaOptions,
  PredictResult,
} from './learner';
export type {Callback, FitState, PerItemLoss, Forward} from './callback';
export type {FitResult} from './fit-loop';
export type {Evaluation, Predictions} from './inference';
export {Recorder, Series, type EpochRecord, type RecorderHistory} from './recorder';
export {suggestLearningRates, type LrFindOptions, type LrFindResult, type LrSuggestions} from './lr-find';
export {MemoryCheckpointStore, type CheckpointStore, type LearnerState, type WeightRecord} from './state';
export {yieldToEventLoop} from './yield';
export * from './schedules';
export * from './callbacks';
export * from './interpretation';
export {Ensemble, type Vote, type EnsemblePredictions} from './ensemble';
export {cloneModel, averageModels, scaleModel, type CombineOptions} from './federated';
