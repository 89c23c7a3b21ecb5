export type * from './types';
export {SlotOptimizer, type BaseOptimizerOptions, type OptimizerState, type UpdateContext} from './slot-optimizer';
export {sgd, type SgdOptions} from './sgd';
export {adam, adamW, type AdamOptions} from './adam';
export {rmsprop, type RmspropOptions} from './rmsprop';
export {adagrad, type AdagradOptions} from './adagrad';
