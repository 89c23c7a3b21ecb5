/**
 * Classification datasets from files whose label is in their path: the parent folder (`pets/cat/1.png` → cat), a
 * regular expression on the name (`cat_001.png` → cat), or any function of the path.
 */
import type {ArrayDataset} from '../loader/dataset';
import {baseName, fileKind, parentFolder, type DataFile} from './files';
import {readItems, type ReadItemsOptions} from './read-items';

/** Options of the labelled-file sources. */
export interface LabelledFilesOptions extends ReadItemsOptions {
  /** Class names, index = class code (default: the labels found, sorted). Other labels are an error. */
  classes?: string[];
}

/**
 * Images (or FITS files) labelled by a function of their path. Files that are neither images nor FITS (a README, a
 * CSV, `.DS_Store`) are skipped.
 */
export async function filesLabelledBy(
  files: readonly DataFile[],
  labelOf: (path: string) => string,
  options: LabelledFilesOptions = {},
): Promise<ArrayDataset> {
  const items = files.filter((f) => fileKind(f.path) !== undefined).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (items.length === 0) {
    throw new Error(`none of the ${files.length} files is an image or a FITS file${files[0] ? ` (e.g. ${files[0].path})` : ''}`);
  }
  const labels = items.map((f) => labelOf(f.path));
  const classes = options.classes ?? [...new Set(labels)].sort();
  const code = new Map(classes.map((c, i) => [c, i]));
  const y = new Int32Array(items.length);
  labels.forEach((label, i) => {
    const c = code.get(label);
    if (c === undefined) throw new Error(`${items[i].path}: label '${label}' is not one of the classes ${classes.join(', ')}`);
    y[i] = c;
  });
  const {x, itemShape, hashes} = await readItems(items, options);
  return {x, itemShape, y, target: 'class', classes, sources: items.map((f) => f.path), hashes};
}

/**
 * Images organised in folders, one per class: the label is the parent folder's name (fastai's `parent_label`).
 * `train/` and `valid/` levels above the class folders are left for `folderSplitter`.
 *
 * ```ts
 * const dataset = await imagesFromFolders(filesFromFileList(input.files), {size: 64});
 * const dls = DataLoaders.fromDataset(dataset, {split: folderSplitter(), batchSize: 32});
 * ```
 */
export function imagesFromFolders(files: readonly DataFile[], options: LabelledFilesOptions = {}): Promise<ArrayDataset> {
  return filesLabelledBy(
    files,
    (path) => {
      const folder = parentFolder(path);
      if (!folder) throw new Error(`${path}: not inside a folder, so it has no label (the parent folder is the label)`);
      return folder;
    },
    options,
  );
}

/**
 * Images labelled by a regular expression on the file name (or the whole path with `on: 'path'`): the label is the
 * first capture group, or the whole match.
 *
 * ```ts
 * const dataset = await imagesLabelledByRegex(files, /^([a-z_]+)_\d+\.jpg$/i);   // Oxford pets' naming
 * ```
 */
export function imagesLabelledByRegex(
  files: readonly DataFile[],
  pattern: RegExp,
  options: LabelledFilesOptions & {on?: 'name' | 'path'} = {},
): Promise<ArrayDataset> {
  return filesLabelledBy(
    files,
    (path) => {
      const subject = options.on === 'path' ? path : baseName(path);
      pattern.lastIndex = 0; // a /g or /y pattern remembers where it stopped
      const match = pattern.exec(subject);
      if (!match) throw new Error(`${path}: the label pattern ${pattern} does not match '${subject}'`);
      return match[1] ?? match[0];
    },
    options,
  );
}
