export {luptonRgb, luptonRgba, type LuptonOptions, type RgbBands} from './lupton';
