/** Node-only FITS helpers: read and write files by path, and open a large file lazily as a Blob. */
import {openAsBlob} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {openFits, readFits, writeFits, type FitsBlobFile, type FitsFile, type FitsHduInput} from '../fits';

/** Reads a FITS file (plain or .gz) from disk into memory. */
export async function readFitsFile(path: string): Promise<FitsFile> {
  return readFits(new Uint8Array(await readFile(path)));
}

/** Opens a FITS file lazily: headers now, each HDU's data when asked for (see `openFits`). */
export async function openFitsFile(path: string): Promise<FitsBlobFile> {
  return openFits(await openAsBlob(path));
}

/** Writes HDUs to a FITS file on disk. */
export async function writeFitsFile(path: string, hdus: FitsHduInput | readonly FitsHduInput[]): Promise<void> {
  await writeFile(path, writeFits(hdus));
}
