/**
 * `readFits`: a whole FITS file in memory → its HDUs. Headers are parsed and every HDU's size is checked against
 * the bytes present before anything is decoded or allocated; pixel and table data decode on first access.
 * Gzip-compressed files (`.fits.gz`) are recognised by their magic bytes and inflated first.
 */
import {gunzipSync} from 'fflate';
import {FitsError} from './errors';
import {BLOCK, parseHeader} from './header';
import {makeHdu, type FitsHdu, type FitsImageHdu, type FitsTableHdu} from './hdu';
import {checkDataPresent, hduLayout} from './layout';

/** A FITS file read into memory. */
export interface FitsFile {
  /** Every HDU in order; HDU 0 is the primary. */
  readonly hdus: readonly FitsHdu[];
  /** Things the reader tolerated (non-printable header bytes, a missing final padding, trailing junk). */
  readonly warnings: readonly string[];
  /**
   * The image HDU with this EXTNAME or index; without an argument, the first image that has data (HST-style files
   * keep the image in an extension).
   */
  image(which?: string | number): FitsImageHdu;
  /** The table HDU with this EXTNAME or index; without an argument, the first table. */
  table(which?: string | number): FitsTableHdu;
}

/** Whether bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates a gzip-compressed file, with a FITS error when the stream is corrupt or truncated. */
export function gunzipFits(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new FitsError(`the file looks gzip-compressed (starts with 1f 8b) but cannot be inflated: ${(e as Error).message}`);
  }
}

/** Views any binary input as bytes without copying. */
function asBytes(input: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || Object.prototype.toString.call(input) === '[object ArrayBuffer]') return new Uint8Array(input);
  throw new FitsError(`readFits needs an ArrayBuffer or Uint8Array, got ${Object.prototype.toString.call(input)}`);
}

/**
 * Reads a FITS file held in memory (synchronously). Accepts plain or gzip-compressed bytes.
 * Throws a {@link FitsError} naming the HDU, card and byte offset when the file is malformed or truncated.
 */
export function readFits(input: ArrayBuffer | Uint8Array): FitsFile {
  let bytes = asBytes(input);
  if (bytes.length === 0) throw new FitsError('the file is empty');
  if (isGzip(bytes)) bytes = gunzipFits(bytes);
  checkSignature(bytes);
  const hdus: FitsHdu[] = [];
  const warnings: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (hdus.length > 0 && !startsWithXtension(bytes, offset)) {
      warnings.push(`ignored ${bytes.length - offset} bytes after the last HDU (from byte ${offset}): they do not start with XTENSION`);
      break;
    }
    const {header, end} = parseHeader(bytes, offset, hdus.length, warnings);
    const layout = hduLayout(header, hdus.length, offset, end);
    checkDataPresent(layout, header, bytes.length);
    hdus.push(makeHdu(layout, header, bytes.subarray(end, end + layout.dataBytes)));
    offset = end + layout.paddedBytes;
    if (offset > bytes.length) warnings.push(`HDU ${layout.index}: the last data block is not padded to a multiple of ${BLOCK} bytes`);
  }
  return fitsFile(hdus, warnings);
}

/** Throws unless the bytes start like a FITS file (`SIMPLE  =`), so other files fail with a clear message. */
export function checkSignature(bytes: Uint8Array): void {
  const head = String.fromCharCode(...bytes.subarray(0, 10));
  if (!head.startsWith('SIMPLE  =')) {
    const shown = head.replace(/[^ -~]/g, '?');
    throw new FitsError(`not a FITS file: it starts with ${JSON.stringify(shown)}, a FITS file starts with "SIMPLE  = T"`, {hdu: 0, card: 1, offset: 0});
  }
}

function startsWithXtension(bytes: Uint8Array, at: number): boolean {
  const word = 'XTENSION';
  for (let i = 0; i < 8; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Wraps HDUs with the look-up helpers of {@link FitsFile}. */
function fitsFile(hdus: readonly FitsHdu[], warnings: readonly string[]): FitsFile {
  const pick = (which: string | number | undefined, accept: (h: FitsHdu) => boolean, what: string): FitsHdu => {
    let hdu: FitsHdu | undefined;
    if (typeof which === 'number') hdu = hdus[which];
    else if (typeof which === 'string') hdu = hdus.find((h) => h.name.toUpperCase() === which.toUpperCase() && accept(h));
    else hdu = hdus.find(accept);
    if (!hdu || !accept(hdu)) {
      const listing = hdus.map((h) => `${h.index}:${h.name || '(no name)'}=${h.kind}`).join(', ');
      throw new FitsError(`no ${what}${which === undefined ? '' : ` ${JSON.stringify(which)}`} in this file (HDUs: ${listing})`);
    }
    return hdu;
  };
  return {
    hdus,
    warnings,
    image: (which) => pick(which, (h) => h.kind === 'image', 'image HDU') as FitsImageHdu,
    table: (which) => pick(which, (h) => h.kind === 'bintable' || h.kind === 'table', 'table HDU') as FitsTableHdu,
  };
}
