/**
 * Cut-outs: a size × size window around a position given in pixels (FITS 1-based) or on the sky (through the WCS),
 * padded with NaN where it leaves the image. The pixel that contains the position lands at 0-based index
 * floor(size / 2) of the cut-out. The cut-out's header is the image's with NAXISn set and CRPIXn shifted, so its WCS
 * still maps every pixel to the same sky position (LTVn record the offset, as IRAF and DS9 use it).
 */
import {FitsHeader, writeFits, type FitsBlobFile, type PixelArray} from '../../fits';
import type {Catalog} from '../catalog/catalog';
import {renderImage, type RenderOptions} from '../display/render';
import {encodePng} from '../image/png';
import {asHeader, type HeaderLike} from '../header-like';
import {parseWcs, type PixelCoord, type SkyCoord} from '../wcs/wcs';

/** A 2-D image with an optional header (a FITS image HDU fits). */
export interface CutoutSource {
  data: ArrayLike<number>;
  /** Either width/height or a row-major shape [height, width]. */
  width?: number;
  height?: number;
  shape?: readonly number[];
  header?: HeaderLike;
}

/** Where to cut: a FITS 1-based pixel position, or a sky position in degrees. */
export type CutoutCenter = PixelCoord | SkyCoord;

/** A cut-out image. */
export interface Cutout {
  /** Pixels, row-major, row 0 = lowest y; NaN outside the source image. */
  data: PixelArray;
  width: number;
  height: number;
  /** The source header adjusted to the cut-out (NAXISn, CRPIXn, LTVn). */
  header: FitsHeader;
  /** 1-based source pixel of the cut-out's first pixel. */
  origin: PixelCoord;
  /** The requested centre in source pixels (1-based). */
  center: PixelCoord;
}

function dims(source: CutoutSource): {width: number; height: number} {
  if (source.width !== undefined && source.height !== undefined) return {width: source.width, height: source.height};
  if (source.shape && source.shape.length === 2) return {height: source.shape[0], width: source.shape[1]};
  throw new Error(`cutout: the source needs width/height or a 2-D shape${source.shape ? `, got shape [${source.shape.join(', ')}]` : ''}`);
}

/** The source pixel (1-based) of a centre given in pixels or on the sky. */
export function centerPixel(source: CutoutSource, center: CutoutCenter): PixelCoord {
  if ('x' in center) return center;
  if (!source.header) throw new Error('cutout: a sky position needs the image header (its WCS)');
  return parseWcs(source.header).worldToPixel(center.ra, center.dec);
}

/** Cuts a `size` (or [width, height]) window around `center`. */
export function cutout(source: CutoutSource, center: CutoutCenter, size: number | readonly [number, number]): Cutout {
  const {width: W, height: H} = dims(source);
  if (source.data.length !== W * H) throw new Error(`cutout: source has ${source.data.length} values, ${W}x${H} needs ${W * H}`);
  const [w, h] = typeof size === 'number' ? [size, size] : size;
  if (!(Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0)) throw new Error(`cutout: size must be positive integers, got ${w}x${h}`);
  const c = centerPixel(source, center);
  if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) throw new Error(`cutout: the centre (${JSON.stringify(center)}) does not project onto the image`);
  const x0 = Math.floor(c.x + 0.5) - Math.floor(w / 2);
  const y0 = Math.floor(c.y + 0.5) - Math.floor(h / 2);
  const data = source.data instanceof Float64Array ? new Float64Array(w * h) : new Float32Array(w * h);
  data.fill(NaN);
  for (let row = 0; row < h; row++) {
    const sy = y0 - 1 + row;
    if (sy < 0 || sy >= H) continue;
    for (let col = 0; col < w; col++) {
      const sx = x0 - 1 + col;
      if (sx >= 0 && sx < W) data[row * w + col] = source.data[sy * W + sx];
    }
  }
  return {data, width: w, height: h, header: shiftedHeader(source.header, w, h, x0, y0), origin: {x: x0, y: y0}, center: c};
}

function shiftedHeader(source: HeaderLike | undefined, w: number, h: number, x0: number, y0: number): FitsHeader {
  const header = source ? asHeader(source).clone() : new FitsHeader();
  for (const key of ['CHECKSUM', 'DATASUM', 'BSCALE', 'BZERO', 'BLANK']) header.delete(key);
  header.set('NAXIS', 2).set('NAXIS1', w).set('NAXIS2', h);
  if (header.has('CRPIX1')) header.set('CRPIX1', header.optionalNumber('CRPIX1', 0) - (x0 - 1));
  if (header.has('CRPIX2')) header.set('CRPIX2', header.optionalNumber('CRPIX2', 0) - (y0 - 1));
  header.set('LTV1', header.optionalNumber('LTV1', 0) - (x0 - 1), 'offset from the original image');
  header.set('LTV2', header.optionalNumber('LTV2', 0) - (y0 - 1), 'offset from the original image');
  return header;
}

/** Options for {@link catalogCutouts}. */
export interface CatalogCutoutOptions {
  size: number | readonly [number, number];
  /** Keep only rows for which this is true. */
  where?: (row: Record<string, unknown>, index: number) => boolean;
  /** Columns with 1-based pixel positions (default X_IMAGE, Y_IMAGE), or sky columns with `sky: true`. */
  x?: string;
  y?: string;
  /** Use sky columns (default ALPHA_J2000, DELTA_J2000) through the WCS instead of pixel columns. */
  sky?: boolean;
  ra?: string;
  dec?: string;
}

/** A cut-out for one catalog row. */
export interface CatalogCutout {
  /** Row index in the catalog. */
  row: number;
  cutout: Cutout;
}

/** Cuts out every catalog source (optionally only those matching `where`). */
export function catalogCutouts(source: CutoutSource, catalog: Catalog, options: CatalogCutoutOptions): CatalogCutout[] {
  const out: CatalogCutout[] = [];
  const [xs, ys] = options.sky
    ? [catalog.numbers(options.ra ?? 'ALPHA_J2000'), catalog.numbers(options.dec ?? 'DELTA_J2000')]
    : [catalog.numbers(options.x ?? 'X_IMAGE'), catalog.numbers(options.y ?? 'Y_IMAGE')];
  for (let i = 0; i < catalog.length; i++) {
    if (options.where && !options.where(catalog.row(i), i)) continue;
    const center: CutoutCenter = options.sky ? {ra: xs[i], dec: ys[i]} : {x: xs[i], y: ys[i]};
    out.push({row: i, cutout: cutout(source, center, options.size)});
  }
  return out;
}

/** A cut-out as FITS bytes (BITPIX -32 for float32 data, -64 for float64), header and WCS included. */
export function cutoutToFits(c: Cutout): Uint8Array<ArrayBuffer> {
  return writeFits({data: c.data, shape: [c.height, c.width], header: c.header});
}

/** A cut-out as PNG bytes, rendered with the display options (origin lower by default, as DS9 shows it). */
export function cutoutToPng(c: Cutout, options: RenderOptions = {}): Uint8Array<ArrayBuffer> {
  return encodePng(renderImage(c, options));
}

/**
 * Cuts out from a FITS file opened lazily with `openFits`, reading only the rows the window spans (the way to cut
 * small stamps out of a multi-gigabyte mosaic in the browser).
 */
export async function cutoutFromFile(file: FitsBlobFile, hdu: number | string, center: CutoutCenter, size: number | readonly [number, number]): Promise<Cutout> {
  const info = typeof hdu === 'number' ? file.hdus[hdu] : file.hdus.find((h) => h.name.toUpperCase() === hdu.toUpperCase());
  if (!info || info.kind !== 'image' || info.naxis.length !== 2) throw new Error(`cutoutFromFile: HDU ${JSON.stringify(hdu)} is not a 2-D image`);
  const [W, H] = info.naxis;
  const [w, h] = typeof size === 'number' ? [size, size] : size;
  const c = centerPixel({data: [], width: W, height: H, header: info.header}, center);
  const x0 = Math.floor(c.x + 0.5) - Math.floor(w / 2);
  const y0 = Math.floor(c.y + 0.5) - Math.floor(h / 2);
  const xa = Math.max(1, x0);
  const ya = Math.max(1, y0);
  const xb = Math.min(W, x0 + w - 1);
  const yb = Math.min(H, y0 + h - 1);
  if (xb < xa || yb < ya) throw new Error(`cutoutFromFile: the window around (${c.x.toFixed(1)}, ${c.y.toFixed(1)}) lies outside the ${W}x${H} image`);
  const section = await file.readSection(info.index, {x: xa - 1, y: ya - 1, width: xb - xa + 1, height: yb - ya + 1});
  // Cut from the section as if it were the image, then restore the full image's geometry in the header.
  const part = cutout({data: section.data, width: section.width, height: section.height}, {x: c.x - (xa - 1), y: c.y - (ya - 1)}, [w, h]);
  return {...part, header: shiftedHeader(info.header, w, h, x0, y0), origin: {x: x0, y: y0}, center: c};
}
