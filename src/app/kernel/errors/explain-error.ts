/**
 * Errors → what a person should read on the cell: the message, the cell's own line and column (stack frames in
 * compiled cell code are mapped back through the compiler's source map), and a hint for the mistakes people make
 * most: shapes that do not fit, names that do not exist, a backend out of memory.
 */
import type {CellErrorInfo} from '../protocol';
import type {Position} from '../compile';

/** Finds a compiled cell by the sourceURL in a stack frame. */
export type FrameMapper = (url: string) => {cellId: string; toSource(position: Position): Position | undefined} | undefined;

const FRAME = /(deepsky-cell-[\w-]+\.js):(\d+):(\d+)/;

export function explainError(error: unknown, cellId: string, frames: FrameMapper, knownNames: () => string[] = () => []): CellErrorInfo {
  const e = toError(error);
  const info: CellErrorInfo = {name: e.name || 'Error', message: e.message || String(error)};
  const stackLines: string[] = [];
  for (const line of (e.stack ?? '').split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) {
      if (stackLines.length < 12 && /^\s*at /.test(line)) stackLines.push(line.trim());
      continue;
    }
    const compiled = frames(match[1]);
    const position = compiled?.toSource({line: Number(match[2]), column: Number(match[3])});
    if (compiled && position) {
      const where = compiled.cellId === cellId ? 'this cell' : 'another cell';
      stackLines.push(`at ${where}, line ${position.line}, column ${position.column}`);
      if (compiled.cellId === cellId && info.line === undefined) {
        info.line = position.line;
        info.column = position.column;
      }
    }
  }
  if (stackLines.length) info.stack = stackLines.join('\n');
  const hint = hintFor(info.message, knownNames);
  if (hint) info.hint = hint;
  return info;
}

export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return Object.assign(new Error(String((error as {message: unknown}).message)), {name: String((error as {name?: unknown}).name ?? 'Error')});
  }
  return new Error(String(error));
}

export function hintFor(message: string, knownNames: () => string[]): string | undefined {
  const unknown = /^(?:ReferenceError: )?([\p{L}_$][\p{L}\p{N}_$]*) is not defined/u.exec(message);
  if (unknown) {
    const suggestion = closest(unknown[1], knownNames());
    return `No cell defines \`${unknown[1]}\` and it is not part of the library.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} If another cell defines it, run that cell.`;
  }
  if (/shapes?\b.*(must match|could not be broadcast|incompatible|but got|do not match|expected)|broadcast|inner (dimensions|shapes)|Error when checking|expected .* to have shape|rank of/i.test(message)) {
    return 'Shape mismatch: the tensors do not fit together. Print the shapes involved (`x.shape`) and check the batch axis, flattening, and the model\'s inputShape.';
  }
  if (/out of memory|OutOfMemory|allocation failed|Failed to allocate|exceeds the (max|limit)|maxBufferSize|maxStorageBufferBindingSize|CONTEXT_LOST|device (was )?lost/i.test(message)) {
    return 'The backend ran out of memory (or lost the GPU device). Dispose tensors you no longer need (tf.tidy, .dispose()), use a smaller batch size, or restart the kernel.';
  }
  if (/Tensor is disposed|already disposed/i.test(message)) {
    return 'A tensor was used after it was disposed (by tf.tidy, .dispose(), or because the cell that made it re-ran). Keep tensors you reuse out of tf.tidy, or recompute them.';
  }
  if (/is not a function/.test(message)) {
    return 'Check the spelling and what the value is: hover it in the editor to see its type.';
  }
  return undefined;
}

/** The known name nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
