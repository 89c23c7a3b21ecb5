/**
 * Images described by a CSV file: one row per image, with a class label, a list of labels (multi-label), numeric
 * targets (regression) or the path of a mask image (segmentation), and optionally an `is_valid` column.
 */
import type {ArrayDataset} from '../loader/dataset';
import {decodeFitsImage, defaultImageDecoder, type DecodedImage} from './decode';
import {fileKind, normalizePath, type DataFile} from './files';
import {readItems, type ReadItemsOptions} from './read-items';

/** A parsed CSV table. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Parses CSV text (RFC 4180: quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM is
 * ignored). The first line is the header; every row must have as many fields. `name` is used in errors.
 */
export function parseCsv(text: string, name = 'CSV', delimiter = ','): CsvTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted) throw new Error(`${name}: a quoted field opened before line ${line} is never closed`);
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
  if (nonEmpty.length === 0) throw new Error(`${name}: the file is empty`);
  const [header, ...rows] = nonEmpty;
  const trimmedHeader = header.map((h) => h.trim());
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new Error(`${name}: row ${i + 1} has ${row.length} fields, the header has ${header.length} (${trimmedHeader.join(', ')})`);
    }
  });
  return {header: trimmedHeader, rows};
}

/** Options of {@link imagesFromCsv}: which columns mean what. */
export interface CsvSourceOptions extends ReadItemsOptions {
  /** The CSV: a file among `files` (by path or name), a DataFile, or its text. Default: the only `.csv` file. */
  csv?: string | DataFile;
  /** Column with the image path (default: the first column). */
  fileColumn?: string;
  /** Column with the class label (default: the second column, unless targets or a mask column are given). */
  labelColumn?: string;
  /** Split the label column on this to get several labels per image (multi-label), e.g. ' ' or ';'. */
  labelDelimiter?: string;
  /** Numeric columns to regress. */
  targetColumns?: string[];
  /** Column with the path of a mask image (segmentation): its first channel holds class codes 0, 1, 2... */
  maskColumn?: string;
  /** Class names (index = code). Default: the labels found, sorted; for masks, the codes found as text. */
  classes?: string[];
  /** Prefix added to every path in the CSV before matching files (e.g. 'images/'). */
  folder?: string;
}

/**
 * Images listed in a CSV. Paths in the file are matched to the given files by full relative path, by path suffix,
 * or by unique file name; a row whose file is missing is an error naming the row.
 *
 * ```ts
 * // labels.csv: name,label,is_valid
 * const dataset = await imagesFromCsv(files, {csv: 'labels.csv'});
 * const dls = DataLoaders.fromDataset(dataset, {split: columnSplitter('is_valid')});
 * ```
 */
export async function imagesFromCsv(files: readonly DataFile[], options: CsvSourceOptions = {}): Promise<ArrayDataset> {
  const {table, name} = await readCsv(files, options.csv);
  const column = (wanted: string, role: string): number => {
    const index = table.header.indexOf(wanted);
    if (index < 0) throw new Error(`${name}: no column '${wanted}' for ${role} (columns: ${table.header.join(', ')})`);
    return index;
  };
  const fileIndex = options.fileColumn === undefined ? 0 : column(options.fileColumn, 'the image paths');
  const lookup = fileLookup(files);
  const resolve = (path: string, row: number, what: string): DataFile => {
    const full = normalizePath((options.folder ?? '') + path.trim());
    const file = lookup(full);
    if (file === 'ambiguous') {
      throw new Error(`${name} row ${row + 1}: ${what} '${path}' matches several of the files given; write more of its path`);
    }
    if (!file) {
      throw new Error(`${name} row ${row + 1}: ${what} '${path}' is not among the ${files.length} files given (did you select the whole folder?)`);
    }
    return file;
  };
  // Every column is looked up before any file is read, so a typo fails at once.
  const maskIndex = options.maskColumn === undefined ? undefined : column(options.maskColumn, 'the mask paths');
  const targetIndices = options.targetColumns?.map((c) => column(c, 'a regression target'));
  const labelIndex =
    maskIndex !== undefined || targetIndices ? undefined : options.labelColumn === undefined ? 1 : column(options.labelColumn, 'the labels');
  if (labelIndex !== undefined && labelIndex >= table.header.length) {
    throw new Error(`${name}: no label column (the CSV has only ${table.header.length} column)`);
  }
  const images = table.rows.map((r, i) => resolve(r[fileIndex], i, 'file'));
  const maskFiles = maskIndex === undefined ? undefined : table.rows.map((r, i) => resolve(r[maskIndex], i, 'mask'));
  const {x, itemShape, hashes} = await readItems(images, options);
  const columns = Object.fromEntries(table.header.map((h, c) => [h, table.rows.map((r) => r[c])]));
  const base = {x, itemShape, sources: images.map((f) => f.path), hashes, columns};

  if (maskFiles) {
    const masks = await readMasks(maskFiles, itemShape, options);
    const codes = [...new Set(masks)].sort((a, b) => a - b);
    const classes = options.classes ?? Array.from({length: codes[codes.length - 1] + 1}, (_, c) => String(c));
    const bad = codes.find((c) => c >= classes.length);
    if (bad !== undefined) throw new Error(`${name}: a mask holds class code ${bad}, but there are only ${classes.length} classes (${classes.join(', ')})`);
    return {...base, y: masks, yShape: [itemShape[0], itemShape[1]], target: 'mask', classes};
  }
  if (targetIndices) {
    const y = new Float32Array(table.rows.length * targetIndices.length);
    table.rows.forEach((r, i) =>
      targetIndices.forEach((c, k) => {
        const value = Number(r[c].trim());
        if (r[c].trim() === '' || !Number.isFinite(value)) {
          throw new Error(`${name} row ${i + 1}: ${table.header[c]} = '${r[c]}' is not a number`);
        }
        y[i * targetIndices.length + k] = value;
      }),
    );
    return {...base, y, yShape: [targetIndices.length], target: 'regression'};
  }
  const raw = table.rows.map((r) => r[labelIndex!].trim());
  if (options.labelDelimiter !== undefined) {
    const lists = raw.map((v) => v.split(options.labelDelimiter!).map((l) => l.trim()).filter(Boolean));
    const classes = options.classes ?? [...new Set(lists.flat())].sort();
    const code = classCodes(classes, name);
    const y = new Float32Array(lists.length * classes.length);
    lists.forEach((labels, i) => labels.forEach((l) => (y[i * classes.length + code(l, i)] = 1)));
    return {...base, y, yShape: [classes.length], target: 'multi-label', classes};
  }
  const classes = options.classes ?? [...new Set(raw)].sort();
  const code = classCodes(classes, name);
  return {...base, y: Int32Array.from(raw, (l, i) => code(l, i)), target: 'class', classes};
}

function classCodes(classes: string[], name: string): (label: string, row: number) => number {
  const map = new Map(classes.map((c, i) => [c, i]));
  return (label, row) => {
    const c = map.get(label);
    if (c === undefined) throw new Error(`${name} row ${row + 1}: label '${label}' is not one of the classes ${classes.join(', ')}`);
    return c;
  };
}

async function readCsv(files: readonly DataFile[], csv: string | DataFile | undefined): Promise<{table: CsvTable; name: string}> {
  let file: DataFile | undefined;
  if (csv === undefined) {
    const found = files.filter((f) => f.path.toLowerCase().endsWith('.csv'));
    if (found.length !== 1) {
      throw new Error(`imagesFromCsv: pass {csv} to say which file lists the images (${found.length} .csv files given)`);
    }
    file = found[0];
  } else if (typeof csv !== 'string') file = csv;
  else if (/[\n,]/.test(csv)) return {table: parseCsv(csv, 'the CSV text'), name: 'the CSV text'};
  else {
    const found = fileLookup(files)(normalizePath(csv));
    if (found === undefined || found === 'ambiguous') {
      throw new Error(`imagesFromCsv: the CSV '${csv}' is ${found ? 'ambiguous (several files end so)' : 'not among the files given'}`);
    }
    file = found;
  }
  return {table: parseCsv(new TextDecoder().decode(await file.read()), file.path), name: file.path};
}

/**
 * Finds a file by exact path, else by a path suffix at a folder boundary (`img/a.png` or `a.png` for
 * `data/img/a.png`), in constant time per lookup. A suffix shared by several files is 'ambiguous'.
 */
function fileLookup(files: readonly DataFile[]): (path: string) => DataFile | 'ambiguous' | undefined {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const bySuffix = new Map<string, DataFile | 'ambiguous'>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const suffix = parts.slice(i).join('/');
      bySuffix.set(suffix, bySuffix.has(suffix) ? 'ambiguous' : f);
    }
  }
  return (path) => byPath.get(path) ?? bySuffix.get(path);
}

/** Reads mask images (class codes in the first channel), resized nearest-neighbour to the items' size if needed. */
async function readMasks(files: DataFile[], itemShape: [number, number, number], options: CsvSourceOptions): Promise<Uint8Array> {
  const [height, width] = itemShape;
  const out = new Uint8Array(files.length * height * width);
  const decode = options.decode ?? defaultImageDecoder();
  for (const [i, file] of files.entries()) {
    const bytes = await file.read();
    const image: DecodedImage = fileKind(file.path) === 'fits' ? decodeFitsImage(bytes, file.path) : await decode(bytes, file.path);
    if (options.size === undefined && (image.width !== width || image.height !== height)) {
      throw new Error(`${file.path}: the mask is ${image.width}×${image.height} pixels, its image is ${width}×${height}`);
    }
    const plane = nearestPlane(image, height, width);
    for (let p = 0; p < plane.length; p++) {
      const v = plane[p];
      if (!(Number.isInteger(v) && v >= 0 && v < 256)) throw new Error(`${file.path}: mask value ${v} is not a class code 0–255`);
    }
    out.set(plane, i * height * width);
  }
  return out;
}

/** The first channel, resized nearest-neighbour (class codes must not be interpolated). */
function nearestPlane(image: DecodedImage, height: number, width: number): Float32Array {
  const plane = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width));
      plane[y * width + x] = image.data[(sy * image.width + sx) * image.channels];
    }
  }
  return plane;
}
