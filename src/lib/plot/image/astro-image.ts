/**
 * Astronomical images as image specs, drawn the way DS9 and astropy do (display limits → stretch → colormap, origin
 * at the bottom) by the astronomy module's display tools (src/lib/astro/display), with a colour bar that reads in
 * data values: its colours follow the stretch, so equal steps on the bar are equal steps in the data.
 */
import {colormapByName, displayLimits, makeStretch, normalizeImage, renderImage, type RenderOptions} from '../../astro/display';
import {asImage, type ImageInput} from '../../astro/image/types';
import {LUT_SIZE, lutIndex} from './colormap';
import {imageSpec, type ImageSpec} from './image-spec';

/** Options of `astroImageSpec`: the astronomy module's rendering options plus what to show around the image. */
export interface AstroImageOptions extends RenderOptions {
  caption?: string;
  alt?: string;
  zoom?: number;
  /** Draw a colour bar (`true`, or its label, e.g. the header's BUNIT). */
  colorbar?: boolean | string;
}

/** The colour bar's table: entry i is the colour of the data value at i/255 between the limits, after the stretch. */
function stretchedLut(image: ImageInput, options: AstroImageOptions): Uint8Array {
  const base = colormapByName(options.colormap ?? 'gray');
  const spec = options.stretch ?? 'linear';
  const stretch = makeStretch(spec, spec === 'histeq' ? normalizeImage(image, {interval: options.interval}) : undefined);
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const k = 3 * lutIndex(Math.min(1, Math.max(0, stretch(i / (LUT_SIZE - 1)))));
    lut.set(base.subarray(k, k + 3), 3 * i);
  }
  return lut;
}

/**
 * An image spec of a single-band astronomical image (e.g. a FITS HDU: anything with `data` and `width`/`height` or
 * `shape`), with DS9-style limits, stretch and colormap; origin `'lower'` by default.
 *
 * @example astroImageSpec(hdu, {interval: 'zscale', stretch: 'asinh', colormap: 'cubehelix', colorbar: 'counts'})
 */
export function astroImageSpec(image: ImageInput, options: AstroImageOptions = {}): ImageSpec {
  const {caption, alt, zoom} = options;
  const spec = imageSpec(renderImage(image, options), {caption, alt, zoom});
  if (options.colorbar) {
    const [min, max] = displayLimits(asImage(image).data, options.interval ?? 'minmax');
    spec.colorbar = {lut: stretchedLut(image, options), min, max};
    if (typeof options.colorbar === 'string') spec.colorbar.label = options.colorbar;
  }
  return spec;
}
