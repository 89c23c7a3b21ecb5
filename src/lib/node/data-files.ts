/**
 * Dataset files from the file system, for Node scripts and tests: the same `DataFile`s a browser gives from a folder
 * the user picks, so every data source works unchanged.
 */
import {readFile, readdir, stat} from 'node:fs/promises';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {setImageDecoder, type DataFile} from '../data';
import {nodeImageDecoder} from './image-decoder';

/**
 * Lists the files under each path (folders are walked recursively; hidden entries such as `.DS_Store` are skipped).
 * A file's `path` starts with the name of the folder given (`pets/train/cat/1.png` for `filesFromPath('data/pets')`),
 * as a browser's folder picker does. Also installs the Node PNG/JPEG decoder as the default, unless one is set.
 */
export async function filesFromPath(...paths: string[]): Promise<DataFile[]> {
  if (paths.length === 0) throw new Error('filesFromPath: give at least one file or folder');
  setImageDecoder(nodeImageDecoder, {keepExisting: true});
  const files: DataFile[] = [];
  for (const given of paths) {
    const root = resolve(given);
    const info = await stat(root).catch(() => undefined);
    if (!info) throw new Error(`filesFromPath: ${given} does not exist`);
    const base = dirname(root);
    const absolute = info.isDirectory() ? await walk(root) : [root];
    for (const file of absolute.sort()) {
      files.push({path: relative(base, file).split(sep).join('/'), read: () => readBytes(file)});
    }
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true});
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

async function readBytes(file: string): Promise<Uint8Array> {
  const buffer = await readFile(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

