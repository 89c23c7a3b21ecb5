/** Byte helpers shared by the readers and writers (data, FITS, PNG): joining chunks, gzip detection, content hashes. */
import {gunzipSync} from 'fflate';

/** The chunks joined into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether `bytes` start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Returns `bytes` unchanged, or their gunzipped content when they are gzip data; `name` is for the error message. */
export function maybeGunzip(bytes: Uint8Array, name: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new Error(`${name}: looks gzipped but could not be decompressed (${errorMessage(error)}); is it truncated?`);
  }
}

/**
 * A 64-bit content hash (two independent 32-bit lanes) as 16 hex digits. Not cryptographic: it finds duplicated
 * items (the leakage guard), where a 32-bit hash would already collide by chance among ~100k items.
 */
export function contentHash(view: ArrayBufferView): string {
  // Hashed as 32-bit words (4× fewer steps), so copy unaligned input: the hash must depend on content alone.
  const bytes = view.byteOffset % 4 === 0 ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  const aligned = bytes.byteLength >>> 2;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, aligned);
  const tail = new Uint8Array(bytes.buffer, bytes.byteOffset + aligned * 4, bytes.byteLength - aligned * 4);
  let h1 = 0x811c9dc5 ^ bytes.byteLength;
  let h2 = 0x9747b28c;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h1 ^= h1 >>> 17;
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  for (let i = 0; i < tail.length; i++) {
    h1 = Math.imul(h1 ^ tail[i], 0x01000193);
    h2 = Math.imul(h2 ^ tail[i], 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return hex32(h1) + hex32(h2);
}

function hex32(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
