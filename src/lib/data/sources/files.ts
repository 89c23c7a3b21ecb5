/**
 * Files as the data sources see them: a relative path (folders matter: labels and splits come from them) and a way
 * to read the bytes. Made from what a browser gives (File, FileList, a drop's DataTransfer), from paths in Node
 * (`filesFromPath` in the node module), or from bytes in memory.
 */

/** A file of a dataset. */
export interface DataFile {
  /** Path relative to what the user picked, with `/` separators, e.g. `pets/train/cat/001.png`. */
  path: string;
  /** Reads the whole file. */
  read(): Promise<Uint8Array>;
}

/** A file held in memory (or produced on demand), e.g. for tests and generated data. */
export function memoryFile(path: string, bytes: Uint8Array | (() => Promise<Uint8Array>)): DataFile {
  return {path: normalizePath(path), read: typeof bytes === 'function' ? bytes : async () => bytes};
}

/**
 * DataFiles from browser File objects: a single File, a FileList from `<input type="file" multiple webkitdirectory>`
 * (paths come from `webkitRelativePath`), or any iterable of Files. Also works in the kernel worker, which receives
 * File objects by postMessage.
 */
export function filesFromFileList(files: File | FileList | Iterable<File>): DataFile[] {
  const list: File[] = isFile(files) ? [files] : Array.from(files as Iterable<File>);
  return list.map((file) => ({
    path: normalizePath(file.webkitRelativePath || file.name),
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

/**
 * DataFiles from a drag-and-drop, folders included (walked recursively). Call it inside the `drop` handler: the
 * browser empties `DataTransfer` when the handler returns, so its entries are taken synchronously first.
 */
export function filesFromDataTransfer(transfer: DataTransfer): Promise<DataFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  return (async () => {
    const walked = await Promise.all(entries.map(walkEntry));
    return [...walked.flat(), ...filesFromFileList(loose)];
  })();
}

async function walkEntry(entry: FileSystemEntry): Promise<DataFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    const path = normalizePath(entry.fullPath || file.name);
    return [{path, read: async () => new Uint8Array(await file.arrayBuffer())}];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns the listing in chunks (100 in Chrome) until it returns none.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) break;
    children.push(...chunk);
  }
  return (await Promise.all(children.map(walkEntry))).flat();
}

function isFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File;
}

/** `/`-separated, no leading `./` or `/`, no doubled separators. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/^(\.\/|\/)+/, '');
}

/** The last path segment. */
export function baseName(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1];
}

/** The name of the folder holding the file ('' at the top). */
export function parentFolder(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : '';
}

/** What a file holds, judged by its name: an image, a FITS file (possibly gzipped or fpacked), or neither. */
export function fileKind(path: string): 'image' | 'fits' | undefined {
  const name = baseName(path);
  if (/\.(fits?|fts)(\.gz|\.fz)?$|\.fz$/i.test(name)) return 'fits';
  if (/\.(png|jpe?g|webp|gif|bmp)$/i.test(name)) return 'image';
  return undefined;
}
