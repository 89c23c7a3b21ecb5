export {ProgressCallback, type ProgressOptions} from './progress';
export {EarlyStopping, type EarlyStoppingOptions} from './early-stopping';
export {SaveBestModel, type SaveBestModelOptions} from './save-best-model';
export {GradientClipping, clipByGlobalNorm} from './gradient-clipping';
export {MixUp, sampleBeta, type MixUpOptions} from './mixup';
export {CsvLogger, type CsvLoggerOptions} from './csv-logger';
export {CheckpointCallback, type CheckpointOptions} from './checkpoint';
export {ActivationStats, type ActivationStatsOptions, type LayerStats} from './activation-stats';
export type {MonitorOptions} from './monitor';
