/**
 * `openFits(blob)`: reads a FITS `File`/`Blob` lazily. Headers are read a few blocks at a time with `blob.slice`,
 * data units are skipped by their declared size, and one HDU's data (or a range of image rows) is read only when
 * asked for, so a multi-gigabyte mosaic can be browsed and cut out from without loading it. A gzip-compressed blob
 * cannot be sliced and is read whole.
 */
import {FitsError} from './errors';
import {BLOCK, findEnd, parseHeader, type FitsHeader} from './header';
import {hduName, imageScaling, makeHdu, shapeOf, type FitsHdu} from './hdu';
import {imageHeaderFromCompressed} from './compressed/header';
import {compressedImageInfo} from './compressed/tiles';
import {decodeImage, type PixelArray} from './image-decode';
import {checkDataPresent, hduLayout, type FitsHduKind, type HduLayout} from './layout';
import {checkSignature, gunzipFits, isGzip, readFits} from './read';

/** What is known about an HDU before its data is read. */
export interface FitsHduInfo {
  readonly index: number;
  readonly name: string;
  readonly kind: FitsHduKind;
  /** The header (for tile-compressed images, the logical image header). */
  readonly header: FitsHeader;
  /** Image axes in FITS order and row-major shape (empty for tables and empty HDUs). */
  readonly naxis: readonly number[];
  readonly shape: readonly number[];
  /** Byte offset of the data unit in the file and its size (both 0 for gzip-compressed files, read whole). */
  readonly dataOffset: number;
  readonly dataBytes: number;
  /** ZCMPTYPE for tile-compressed images. */
  readonly compression?: string;
}

/** A rectangle of an image, 0-based pixel indices (x along NAXIS1, y along NAXIS2). */
export interface PixelRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** For cubes: the plane (0-based index along NAXIS3). */
  plane?: number;
}

/** Pixels of a region, row-major, with the region actually read (clipped to the image). */
export interface ImageSection {
  data: PixelArray;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A FITS file opened from a Blob: headers are known, data is read on demand. */
export interface FitsBlobFile {
  /** File size in bytes. */
  readonly size: number;
  readonly hdus: readonly FitsHduInfo[];
  readonly warnings: readonly string[];
  /** Reads one HDU fully (by index or EXTNAME). */
  read(which: number | string): Promise<FitsHdu>;
  /**
   * Reads a rectangle of an uncompressed image, fetching only the rows it spans. Compressed images are read whole
   * and cropped. The region is clipped to the image.
   */
  readSection(which: number | string, region: PixelRegion): Promise<ImageSection>;
}

async function slice(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Opens a FITS `File` or `Blob` without reading its data. */
export async function openFits(blob: Blob): Promise<FitsBlobFile> {
  const size = blob.size;
  if (size === 0) throw new FitsError('the file is empty');
  const magic = await slice(blob, 0, 2);
  if (isGzip(magic)) return inMemory(gunzipFits(await slice(blob, 0, size)));
  checkSignature(await slice(blob, 0, 10));
  const hdus: FitsHduInfo[] = [];
  const layouts: HduLayout[] = [];
  const headers: FitsHeader[] = [];
  const warnings: string[] = [];
  let offset = 0;
  while (offset < size) {
    const head = await readHeaderBytes(blob, offset, hdus.length);
    if (hdus.length > 0 && !head.startsWithXtension) {
      warnings.push(`ignored ${size - offset} bytes after the last HDU (from byte ${offset}): they do not start with XTENSION`);
      break;
    }
    const {header, end} = parseHeader(head.bytes, 0, hdus.length, warnings, offset);
    const layout = hduLayout(header, hdus.length, offset, offset + end);
    checkDataPresent(layout, header, size);
    layouts.push(layout);
    headers.push(header);
    hdus.push(info(layout, header));
    offset = layout.dataStart + layout.paddedBytes;
  }
  const find = (which: number | string): number => {
    const i = typeof which === 'number' ? which : hdus.findIndex((h) => h.name.toUpperCase() === which.toUpperCase());
    if (i < 0 || i >= hdus.length) throw new FitsError(`no HDU ${JSON.stringify(which)} (the file has ${hdus.length}: ${hdus.map((h) => h.name || h.index).join(', ')})`);
    return i;
  };
  const read = async (which: number | string): Promise<FitsHdu> => {
    const i = find(which);
    const layout = layouts[i];
    const data = await slice(blob, layout.dataStart, layout.dataStart + layout.dataBytes);
    return makeHdu(layout, headers[i], data);
  };
  return {
    size,
    hdus,
    warnings,
    read,
    async readSection(which, region) {
      const i = find(which);
      const h = hdus[i];
      const layout = layouts[i];
      if (h.kind !== 'image') throw new FitsError(`HDU ${i} is a ${h.kind}, not an image`, {hdu: i});
      const [width, height = 1] = h.naxis;
      const clip = clipRegion(region, width, height, i);
      const plane = planeIndex(region, h.naxis, i);
      if (h.compression) {
        const hdu = await read(i);
        return cropSection(hdu.kind === 'image' ? hdu.data : new Float32Array(0), width, height, clip, plane);
      }
      const bytes = Math.abs(layout.bitpix) / 8;
      const planeOffset = plane * width * height;
      const first = (planeOffset + clip.y * width) * bytes;
      const raw = await slice(blob, layout.dataStart + first, layout.dataStart + first + clip.height * width * bytes);
      const rows = decodeImage(raw, clip.height * width, layout.bitpix, imageScaling(h.header, layout.bitpix));
      return cropSection(rows, width, clip.height, {...clip, y: 0}, 0, clip.y);
    },
  };
}

interface HeaderBytes {
  bytes: Uint8Array;
  startsWithXtension: boolean;
}

// Reads blocks from `offset` until the END card appears, growing the read each time (8, 16, 32... blocks).
async function readHeaderBytes(blob: Blob, offset: number, hdu: number): Promise<HeaderBytes> {
  let blocks = 8;
  for (;;) {
    const end = Math.min(blob.size, offset + blocks * BLOCK);
    const bytes = await slice(blob, offset, end);
    const startsWithXtension = new TextDecoder('latin1').decode(bytes.subarray(0, 8)) === 'XTENSION';
    if (findEnd(bytes, 0) >= 0 || end === blob.size) return {bytes, startsWithXtension};
    if (hdu > 0 && !startsWithXtension) return {bytes, startsWithXtension};
    blocks *= 2;
  }
}

function info(layout: HduLayout, header: FitsHeader): FitsHduInfo {
  let naxis: number[] = layout.kind === 'image' ? layout.naxis : [];
  let compression: string | undefined;
  if (layout.compressed) {
    const c = compressedImageInfo(header);
    naxis = c.naxis;
    compression = c.algorithm;
  }
  return {
    index: layout.index,
    name: hduName(header, layout.index),
    kind: layout.kind,
    header: layout.compressed ? imageHeaderFromCompressed(header) : header,
    naxis,
    shape: shapeOf(naxis),
    dataOffset: layout.dataStart,
    dataBytes: layout.dataBytes,
    ...(compression ? {compression} : {}),
  };
}

function clipRegion(region: PixelRegion, width: number, height: number, hdu: number): Omit<PixelRegion, 'plane'> {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(width, Math.floor(region.x) + region.width);
  const y1 = Math.min(height, Math.floor(region.y) + region.height);
  if (x1 <= x0 || y1 <= y0) {
    throw new FitsError(`region x=${region.x}, y=${region.y}, ${region.width}x${region.height} lies outside the ${width}x${height} image`, {hdu});
  }
  return {x: x0, y: y0, width: x1 - x0, height: y1 - y0};
}

// The region's plane, checked against the axes beyond NAXIS2 (an unchecked plane would read past the HDU's data).
function planeIndex(region: PixelRegion, naxis: readonly number[], hdu: number): number {
  const plane = region.plane ?? 0;
  const planes = naxis.slice(2).reduce((a, b) => a * b, 1);
  if (!Number.isInteger(plane) || plane < 0 || plane >= planes) {
    throw new FitsError(`plane ${plane} does not exist: the image has ${planes} plane${planes === 1 ? '' : 's'} (0-based)`, {hdu});
  }
  return plane;
}

function cropSection(
  data: PixelArray,
  width: number,
  height: number,
  clip: Omit<PixelRegion, 'plane'>,
  plane: number,
  reportY = clip.y,
): ImageSection {
  const out = data instanceof Float32Array ? new Float32Array(clip.width * clip.height) : new Float64Array(clip.width * clip.height);
  const base = plane * width * height;
  for (let r = 0; r < clip.height; r++) {
    const from = base + (clip.y + r) * width + clip.x;
    out.set(data.subarray(from, from + clip.width), r * clip.width);
  }
  return {data: out, x: clip.x, y: reportY, width: clip.width, height: clip.height};
}

// A gzip-compressed blob is read whole; the same interface serves it from memory.
function inMemory(bytes: Uint8Array): FitsBlobFile {
  const file = readFits(bytes);
  const find = (which: number | string) => (typeof which === 'number' ? file.hdus[which] : file.hdus.find((h) => h.name.toUpperCase() === which.toUpperCase()));
  return {
    size: bytes.length,
    warnings: file.warnings,
    hdus: file.hdus.map((h) => ({
      index: h.index,
      name: h.name,
      kind: h.kind,
      header: h.header,
      naxis: h.kind === 'image' ? h.naxis : [],
      shape: h.kind === 'image' ? h.shape : [],
      dataOffset: 0,
      dataBytes: 0,
      ...(h.kind === 'image' && h.compression ? {compression: h.compression} : {}),
    })),
    async read(which) {
      const h = find(which);
      if (!h) throw new FitsError(`no HDU ${JSON.stringify(which)}`);
      return h;
    },
    async readSection(which, region) {
      const h = find(which);
      if (!h || h.kind !== 'image') throw new FitsError(`HDU ${JSON.stringify(which)} is not an image`);
      const [width, height = 1] = h.naxis;
      return cropSection(h.data, width, height, clipRegion(region, width, height, h.index), planeIndex(region, h.naxis, h.index));
    },
  };
}
