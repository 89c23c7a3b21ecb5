export {parseWcs, type PixelCoord, type Projection, type SkyCoord, type Wcs} from './wcs';
export {angularSeparation, formatDec, formatRa} from './coords';
