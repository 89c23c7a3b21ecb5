/**
 * The leakage guard: items that appear in two splits (the same file listed twice, or the same bytes under two
 * names) make validation scores lie. The galaxy thesis inflated its accuracy this way. Checked whenever a
 * DataLoaders is built, reported as data and as a console warning.
 */
import {contentHash} from '../bytes';
import type {HostArray} from '../loader/dataset';
import {normalizePath} from '../sources/files';

/** One item found in two splits. */
export interface LeakedItem {
  /** The two splits, e.g. ['train', 'valid']. */
  splits: [string, string];
  /** The item's position in each split (as in `Batch.indices`). */
  positions: [number, number];
  /** 'same-source': the same file or id; 'same-content': identical bytes. */
  reason: 'same-source' | 'same-content';
  /** Where each copy came from, when known. */
  sources?: [string, string];
}

/** What the leakage guard found. */
export interface LeakageReport {
  /** The duplicated pairs (at most the first 100). */
  duplicates: LeakedItem[];
  /** How many pairs, per reason (a pair with the same source is not counted again as same content). */
  sameSource: number;
  sameContent: number;
  /** One readable summary, as printed in the warning. */
  message: string;
}

/** One split as the guard sees it. */
export interface LeakagePart {
  name: string;
  /** Dataset rows of the split's items (position i → row rows[i]). */
  rows: Int32Array;
  x: HostArray;
  itemSize: number;
  sources?: readonly string[];
  /** Precomputed content hashes per dataset row (e.g. of each file's bytes); else the item's values are hashed. */
  hashes?: readonly string[];
}

const MAX_LISTED = 100;

/**
 * Compares every pair of splits. Returns undefined when nothing is shared; otherwise a report, also printed with
 * `console.warn` unless `warn` is false.
 */
export function findLeakage(parts: readonly LeakagePart[], options: {warn?: boolean} = {}): LeakageReport | undefined {
  const duplicates: LeakedItem[] = [];
  let sameSource = 0;
  let sameContent = 0;
  const hashes = parts.map((p) => Array.from(p.rows, (row) => p.hashes?.[row] ?? contentHash(p.x.subarray(row * p.itemSize, (row + 1) * p.itemSize))));
  for (let a = 0; a < parts.length; a++) {
    const bySource = new Map<string, number>();
    const byHash = new Map<string, number>();
    parts[a].rows.forEach((row, i) => {
      const source = parts[a].sources?.[row];
      if (source !== undefined && !bySource.has(normalizePath(source))) bySource.set(normalizePath(source), i);
      if (!byHash.has(hashes[a][i])) byHash.set(hashes[a][i], i);
    });
    for (let b = a + 1; b < parts.length; b++) {
      parts[b].rows.forEach((row, j) => {
        const source = parts[b].sources?.[row];
        const sourceMatch = source === undefined ? undefined : bySource.get(normalizePath(source));
        const match = sourceMatch ?? byHash.get(hashes[b][j]);
        if (match === undefined) return;
        const reason = sourceMatch !== undefined ? 'same-source' : 'same-content';
        if (reason === 'same-source') sameSource++;
        else sameContent++;
        if (duplicates.length < MAX_LISTED) {
          const item: LeakedItem = {splits: [parts[a].name, parts[b].name], positions: [match, j], reason};
          const first = parts[a].sources?.[parts[a].rows[match]];
          if (first !== undefined && source !== undefined) item.sources = [first, source];
          duplicates.push(item);
        }
      });
    }
  }
  if (duplicates.length === 0) return undefined;
  const example = duplicates[0];
  const where = example.sources ? `${example.sources[0]} (${example.splits[0]}) and ${example.sources[1]} (${example.splits[1]})` : `${example.splits[0]} item ${example.positions[0]} and ${example.splits[1]} item ${example.positions[1]}`;
  const message =
    `Data leakage: ${sameSource + sameContent} items appear in two splits (${sameSource} listed twice, ${sameContent} ` +
    `with identical content), e.g. ${where}. Validation scores on these items measure memory, not generalisation: ` +
    'remove the duplicates or split by source.';
  if (options.warn ?? true) console.warn(message);
  return {duplicates, sameSource, sameContent, message};
}
