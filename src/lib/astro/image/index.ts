export {asImage, type ImageArray, type ImageInput} from './types';
export {crc32, encodePng, type PngInput} from './png';
