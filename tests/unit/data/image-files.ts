/** Test helpers: tiny PNG/JPEG images made in memory, and folders of them on disk. */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {encode as encodePng} from 'fast-png';
import jpeg from 'jpeg-js';

/** Pixels of a width×height image with `channels` channels, value = f(x, y, c). */
export function pixels(width: number, height: number, channels: number, f: (x: number, y: number, c: number) => number): Uint8Array {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
  return data;
}

/** A PNG file (8-bit, 1–4 channels, or 16-bit when `data` is a Uint16Array). */
export function png(width: number, height: number, channels: number, data: Uint8Array | Uint16Array): Uint8Array {
  return encodePng({width, height, channels, data, depth: data instanceof Uint16Array ? 16 : 8});
}

/** A JPEG file from RGBA pixels. */
export function jpg(width: number, height: number, rgba: Uint8Array, quality = 95): Uint8Array {
  return new Uint8Array(jpeg.encode({width, height, data: rgba}, quality).data);
}

/** Writes files (relative path → bytes or text) under a fresh temp folder; returns it and a cleanup. */
export function writeTree(files: Record<string, Uint8Array | string>): {root: string; cleanup: () => void} {
  const root = mkdtempSync(join(tmpdir(), 'deep-sky-data-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), {recursive: true});
    writeFileSync(full, content);
  }
  return {root, cleanup: () => rmSync(root, {recursive: true, force: true})};
}
