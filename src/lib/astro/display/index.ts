export {displayLimits, finiteValues, minMax, percentiles, zscale, type IntervalSpec, type ZScaleOptions} from './intervals';
export {makeStretch, type StretchFunction, type StretchSpec} from './stretches';
export {COLORMAP_NAMES, colormapByName, type ColormapName} from './colormaps';
export {imageToTensor, normalizeImage, renderImage, toImageData, type NormalizeOptions, type RenderOptions} from './render';
