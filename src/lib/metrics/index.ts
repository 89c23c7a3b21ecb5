export type * from './types';
export {accuracy, errorRate, topKAccuracy, multiLabelAccuracy, foregroundAccuracy} from './accuracy';
export type {MultiLabelAccuracyOptions, ForegroundAccuracyOptions} from './accuracy';
export {mae, rmse} from './regression';
export {ConfusionMatrix, ConfusionMatrixAccumulator, type ClassScore} from './confusion';
export {precision, recall, f1Score, iou, diceScore, type ClassScoreOptions} from './class-scores';
export {rocCurve, rocAuc, RocAccumulator, type RocCurve, type RocOptions} from './roc';
export {ratioMetric, type RatioMetricSpec, type RatioParts} from './ratio-metric';
