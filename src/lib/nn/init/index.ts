export {fanNormal, FanNormal, type FanNormalOptions} from './fan-normal';
export {initializer, type InitName, type InitSpec, type Initializer} from './initializers';
