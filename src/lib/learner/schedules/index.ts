export {
  cosineSchedule,
  linearSchedule,
  exponentialSchedule,
  constantSchedule,
  combineSchedules,
  type Schedule,
} from './annealing';
export {oneCycleSchedules, type OneCycleOptions} from './one-cycle';
export {ParamScheduler, type ParamSchedules} from './param-scheduler';
