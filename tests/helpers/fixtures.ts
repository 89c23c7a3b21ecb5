/**
 * Where the shared golden test data lives: `../shared/fixtures` relative to the repository root (i.e.
 * /work/shared/fixtures next to the checkout). Read-only; never copy files from it into the project.
 */
import {readFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the shared fixtures folder. */
export const FIXTURES = resolve(repoRoot, '../shared/fixtures');

/** Absolute path of a file inside the fixtures folder, e.g. `fixture('fits/image_i16.fits')`. */
export function fixture(relative: string): string {
  return resolve(FIXTURES, relative);
}

/** Reads a fixture file's bytes. */
export function fixtureBytes(relative: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(fixture(relative)));
}

/** Reads and parses a fixture JSON file. */
export function fixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(fixture(relative), 'utf8')) as T;
}
