/**
 * Tile-compressed images (a BINTABLE with ZIMAGE = T): each row holds one tile, compressed with ZCMPTYPE (RICE_1,
 * GZIP_1, GZIP_2 or NOCOMPRESS here; PLIO_1 and HCOMPRESS_1 are refused with a clear message). Integer tiles are
 * reassembled as the big-endian image they came from and decoded like an uncompressed image (so BSCALE/BZERO/BLANK
 * behave identically); float tiles are either stored raw or quantized and restored with ZSCALE/ZZERO and dithering.
 */
import {decompressSync} from 'fflate';
import type {BinaryTable} from '../bintable';
import {FitsError} from '../errors';
import type {FitsHeader} from '../header';
import {decodeImage, swapFloat32, swapFloat64, type PixelArray} from '../image-decode';
import type {Bitpix} from '../layout';
import {DEFAULT_QUANTIZED_NULL, unquantizeTile, type Quantization} from './quantize';
import {riceDecode} from './rice';

/** Geometry and settings of a compressed image, from its table header. */
export interface CompressedImageInfo {
  bitpix: Bitpix;
  /** ZNAXISn, FITS order. */
  naxis: number[];
  /** ZTILEn, FITS order. */
  tile: number[];
  algorithm: string;
}

const SUPPORTED = new Set(['RICE_1', 'GZIP_1', 'GZIP_2', 'NOCOMPRESS']);

/** Reads ZBITPIX, ZNAXISn, ZTILEn and ZCMPTYPE, checking them. */
export function compressedImageInfo(header: FitsHeader): CompressedImageInfo {
  const bitpix = header.requireInt('ZBITPIX') as Bitpix;
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) {
    throw new FitsError(`ZBITPIX = ${bitpix} is not one of 8, 16, 32, 64, -32, -64`, header.locate('ZBITPIX'));
  }
  const n = header.requireInt('ZNAXIS', 0, 999);
  const naxis: number[] = [];
  const tile: number[] = [];
  for (let i = 1; i <= n; i++) {
    naxis.push(header.requireInt(`ZNAXIS${i}`, 0));
    const fallback = i === 1 ? naxis[0] : 1;
    tile.push(header.has(`ZTILE${i}`) ? header.requireInt(`ZTILE${i}`, 1) : fallback);
  }
  const raw = (header.getString('ZCMPTYPE') ?? '').trim().toUpperCase();
  const algorithm = raw === 'RICE_ONE' ? 'RICE_1' : raw;
  return {bitpix, naxis, tile, algorithm};
}

/** Decompresses every tile into the image's physical values. `imageHeader` is the logical (uncompressed) header. */
export function decompressImage(table: BinaryTable, tableHeader: FitsHeader, imageHeader: FitsHeader, hdu: number): PixelArray {
  const info = compressedImageInfo(tableHeader);
  const {bitpix, naxis, tile} = info;
  if (!SUPPORTED.has(info.algorithm)) {
    throw new FitsError(
      `tile compression ${JSON.stringify(info.algorithm)} is not supported (RICE_1, GZIP_1, GZIP_2 and NOCOMPRESS are)`,
      tableHeader.locate('ZCMPTYPE'),
    );
  }
  const total = naxis.length === 0 ? 0 : naxis.reduce((a, b) => a * b, 1);
  const grid = naxis.map((len, k) => Math.ceil(len / tile[k]));
  const tiles = grid.reduce((a, b) => a * b, 1);
  if (tiles !== table.nrows) {
    throw new FitsError(`a ${naxis.join('x')} image in ${tile.join('x')} tiles needs ${tiles} rows but the table has ${table.nrows}`, {hdu});
  }
  const params = compressionParameters(tableHeader);
  if (!Number.isInteger(params.blocksize) || params.blocksize < 1) {
    throw new FitsError(`the Rice BLOCKSIZE parameter (ZNAMEn/ZVALn) is ${params.blocksize}, it must be a positive integer`, {hdu});
  }
  const col = (name: string) => table.columnIndex(name);
  const compressedCol = col('COMPRESSED_DATA');
  const gzipCol = col('GZIP_COMPRESSED_DATA');
  const rawCol = col('UNCOMPRESSED_DATA');
  const scaleCol = col('ZSCALE');
  const zeroCol = col('ZZERO');
  const blankCol = col('ZBLANK');
  const isFloat = bitpix < 0;
  const bytes = Math.abs(bitpix) / 8;
  const quantMethod = quantizeMethod(tableHeader);

  // Integer images are rebuilt as stored bytes; float images straight into their output array. The size comes from
  // ZNAXISn alone (the compressed bytes do not bound it), so an absurd header fails here with a FITS error.
  let stored: Uint8Array | undefined;
  let floats: Float32Array | Float64Array | undefined;
  try {
    stored = isFloat ? undefined : new Uint8Array(total * bytes);
    floats = isFloat ? (bitpix === -32 ? new Float32Array(total) : new Float64Array(total)) : undefined;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new FitsError(`ZNAXISn = ${naxis.join(' x ')} (ZBITPIX = ${bitpix}) is too large an image to decompress in memory`, tableHeader.locate('ZNAXIS'));
  }

  for (let t = 0; t < tiles; t++) {
    const extent = tileExtent(t, grid, tile, naxis);
    const count = extent.size.reduce((a, b) => a * b, 1);
    const where = `tile ${t + 1}`;
    const compressed = compressedCol >= 0 ? table.heapBytes(t, compressedCol) : new Uint8Array(0);
    let tileValues: Int32Array | undefined;
    let tileBytes: Uint8Array | undefined;
    let quantized = false;
    if (compressed.length > 0) {
      quantized = isFloat && (scaleCol >= 0 || tableHeader.has('ZSCALE'));
      const elementBytes = quantized ? 4 : bytes;
      if (info.algorithm === 'RICE_1') {
        // cfitsio's default BYTEPIX is 4 whatever the image's BITPIX (old files rely on it).
        const bytepix = (quantized || isFloat ? 4 : (params.bytepix ?? 4)) as 1 | 2 | 4;
        tileValues = riceDecode(compressed, count, bytepix, params.blocksize);
      } else {
        let plain = info.algorithm === 'NOCOMPRESS' ? compressed : inflate(compressed, hdu, where);
        if (info.algorithm === 'GZIP_2') plain = unshuffle(plain, elementBytes);
        // Integer tiles may hold wider integers than the image (old cfitsio wrote 16-bit images as 32-bit ints).
        const stored = isFloat ? elementBytes : plain.length / count;
        if (plain.length < count * elementBytes || ![1, 2, 4, 8].includes(stored)) {
          throw new FitsError(`${where} decompresses to ${plain.length} bytes, expected ${count * elementBytes}`, {hdu});
        }
        if (quantized) tileValues = bigEndianInts(plain, count, 4);
        else if (stored !== elementBytes && stored !== 8) tileValues = bigEndianInts(plain, count, stored as 1 | 2 | 4);
        else tileBytes = plain;
      }
    } else if (gzipCol >= 0 && table.heapBytes(t, gzipCol).length > 0) {
      tileBytes = inflate(table.heapBytes(t, gzipCol), hdu, where);
    } else if (rawCol >= 0) {
      tileBytes = rawTileBytes(table, t, rawCol, bytes);
    } else throw new FitsError(`${where} has no data in any compressed or uncompressed column`, {hdu});

    if (floats) {
      let values: ArrayLike<number>;
      if (tileValues && quantized) {
        const q: Quantization = {
          method: quantMethod,
          scale: cellNumber(table, t, scaleCol, tableHeader, 'ZSCALE', 1),
          zero: cellNumber(table, t, zeroCol, tableHeader, 'ZZERO', 0),
          blank: blankCol >= 0 ? Number(table.cell(t, blankCol)) : (tableHeader.getNumber('ZBLANK') ?? DEFAULT_QUANTIZED_NULL),
          ditherSeed: tableHeader.getNumber('ZDITHER0') ?? 1,
        };
        values = unquantizeTile(tileValues, t, q, bitpix === -32);
      } else if (tileBytes) values = bitpix === -32 ? swapFloat32(tileBytes, count) : swapFloat64(tileBytes, count);
      else values = tileValues!; // RICE of unquantized floats is not defined; treat as integers.
      place(floats, values, extent, naxis);
    } else {
      const tileStored = tileBytes ?? intsToBigEndian(tileValues!, bytes);
      placeBytes(stored!, tileStored, extent, naxis, bytes);
    }
  }

  if (stored) {
    const blank = blankCol >= 0 ? undefined : (tableHeader.get('ZBLANK') ?? imageHeader.get('BLANK'));
    return decodeImage(stored, total, bitpix, {
      bscale: imageHeader.optionalNumber('BSCALE', 1),
      bzero: imageHeader.optionalNumber('BZERO', 0),
      ...(typeof blank === 'number' || typeof blank === 'bigint' ? {blank} : {}),
    });
  }
  const bscale = imageHeader.optionalNumber('BSCALE', 1);
  const bzero = imageHeader.optionalNumber('BZERO', 0);
  if (bscale !== 1 || bzero !== 0) {
    const s = floats instanceof Float32Array ? Math.fround(bscale) : bscale;
    const z = floats instanceof Float32Array ? Math.fround(bzero) : bzero;
    for (let i = 0; i < floats!.length; i++) floats![i] = floats![i] * s + z;
  }
  return floats!;
}

function quantizeMethod(header: FitsHeader): Quantization['method'] {
  const m = (header.getString('ZQUANTIZ') ?? 'NO_DITHER').trim().toUpperCase();
  if (m === 'SUBTRACTIVE_DITHER_1' || m === 'SUBTRACTIVE_DITHER_2') return m;
  return 'NO_DITHER';
}

/** ZNAMEi/ZVALi pairs for the Rice coder. */
function compressionParameters(header: FitsHeader): {blocksize: number; bytepix?: number} {
  const out: {blocksize: number; bytepix?: number} = {blocksize: 32};
  for (let i = 1; header.has(`ZNAME${i}`); i++) {
    const name = (header.getString(`ZNAME${i}`) ?? '').trim().toUpperCase();
    const value = header.getNumber(`ZVAL${i}`);
    if (value === undefined) continue;
    if (name === 'BLOCKSIZE') out.blocksize = value;
    if (name === 'BYTEPIX') out.bytepix = value;
  }
  return out;
}

function inflate(data: Uint8Array, hdu: number, where: string): Uint8Array {
  try {
    return decompressSync(data);
  } catch (e) {
    throw new FitsError(`${where}: gzip data is corrupt (${(e as Error).message})`, {hdu});
  }
}

function unshuffle(data: Uint8Array, size: number): Uint8Array {
  const n = data.length / size;
  const out = new Uint8Array(data.length);
  for (let b = 0; b < size; b++) for (let i = 0; i < n; i++) out[i * size + b] = data[b * n + i];
  return out;
}

function bigEndianInts(bytes: Uint8Array, count: number, size: 1 | 2 | 4): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += size) {
    if (size === 1) out[i] = bytes[j];
    else if (size === 2) out[i] = ((bytes[j] << 24) >> 16) | bytes[j + 1];
    else out[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  return out;
}

function intsToBigEndian(values: Int32Array, bytes: number): Uint8Array {
  const out = new Uint8Array(values.length * bytes);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (bytes === 1) out[i] = values[i];
    else if (bytes === 2) view.setInt16(2 * i, values[i]);
    else if (bytes === 4) view.setInt32(4 * i, values[i]);
    else view.setBigInt64(8 * i, BigInt(values[i]));
  }
  return out;
}

function rawTileBytes(table: BinaryTable, row: number, col: number, bytes: number): Uint8Array {
  const elementType = table.columns[col].type;
  const size = {B: 1, I: 2, J: 4, K: 8, E: 4, D: 8}[elementType as 'B'] ?? bytes;
  if (size !== bytes) throw new FitsError(`UNCOMPRESSED_DATA of type ${elementType} does not match the image's BITPIX`);
  return table.heapBytes(row, col);
}

function cellNumber(table: BinaryTable, row: number, col: number, header: FitsHeader, key: string, fallback: number): number {
  if (col >= 0) return Number(table.cell(row, col));
  return header.getNumber(key) ?? fallback;
}

/** A tile's first pixel (per axis) and size, clipped at the image edge. */
interface TileExtent {
  start: number[];
  size: number[];
}

function tileExtent(t: number, grid: number[], tile: number[], naxis: number[]): TileExtent {
  const start: number[] = [];
  const size: number[] = [];
  let rest = t;
  for (let k = 0; k < grid.length; k++) {
    const index = rest % grid[k];
    rest = Math.floor(rest / grid[k]);
    start.push(index * tile[k]);
    size.push(Math.min(tile[k], naxis[k] - index * tile[k]));
  }
  return {start, size};
}

// Calls `row(imageOffset, tileOffset, length)` for every contiguous run (along axis 1) of a tile.
function forEachRun(extent: TileExtent, naxis: number[], row: (image: number, tile: number, length: number) => void): void {
  const dims = naxis.length;
  const strides = [1];
  for (let k = 1; k < dims; k++) strides.push(strides[k - 1] * naxis[k - 1]);
  const runs = extent.size.slice(1).reduce((a, b) => a * b, 1);
  for (let r = 0; r < runs; r++) {
    let rest = r;
    let offset = extent.start[0];
    for (let k = 1; k < dims; k++) {
      const i = rest % extent.size[k];
      rest = Math.floor(rest / extent.size[k]);
      offset += (extent.start[k] + i) * strides[k];
    }
    row(offset, r * extent.size[0], extent.size[0]);
  }
}

function place(out: Float32Array | Float64Array, values: ArrayLike<number>, extent: TileExtent, naxis: number[]): void {
  forEachRun(extent, naxis, (image, tile, length) => {
    for (let i = 0; i < length; i++) out[image + i] = values[tile + i];
  });
}

function placeBytes(out: Uint8Array, tileBytes: Uint8Array, extent: TileExtent, naxis: number[], bytes: number): void {
  forEachRun(extent, naxis, (image, tile, length) => {
    out.set(tileBytes.subarray(tile * bytes, (tile + length) * bytes), image * bytes);
  });
}

