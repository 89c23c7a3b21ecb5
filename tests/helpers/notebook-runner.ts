/**
 * Runs a `.deepsky.md` notebook in Node exactly as the kernel would: the real cell compiler and dataflow graph
 * (src/app/kernel: sucrase + acorn, @observablehq/runtime), the notebook's builtins (the whole library, `display`,
 * `html`/`md`, `sleep`, the cell console), on tfjs' wasm backend (or cpu). Cells run in dependency order; manual
 * cells run too (the runner asks for every cell, as "Run all" does).
 *
 * Named constants can be overridden (`{epochs: 1, trainSubset: 512}`): the initializer of the top-level `const` that
 * declares each name is replaced before anything compiles, so a test shrinks a notebook without editing it. An
 * override naming a constant no cell declares is an error (a renamed constant must not silently stop shrinking).
 *
 * Any cell error fails the run with the cell's number, its own line and the text of that line.
 */
import ts from 'typescript';
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {NotebookGraph} from '../../src/app/kernel/graph/notebook-graph';
import {Dataflow} from '../../src/app/kernel/graph/static-checks';
import {notebookBuiltins} from '../../src/app/kernel/builtins';
import type {CellErrorInfo, CellSource, CellStatus, KernelEvent} from '../../src/app/kernel/protocol';
import type {Preview} from '../../src/app/kernel/inspect/preview';
import {parseNotebookMarkdown} from '../../src/app/notebook/markdown-format';
import type {Cell} from '../../src/app/notebook/model';
import {initBackend, type BackendName, type DisplaySpec} from '../../src/lib';

/** A code cell of a notebook file, numbered as a reader counts them. */
export interface NotebookCodeCell {
  /** 1-based position among all cells (Markdown included), as the app shows the notebook. */
  cellNumber: number;
  /** 1-based position among the code cells. */
  codeNumber: number;
  id: string;
  source: string;
  manual: boolean;
}

export interface NotebookFile {
  path: string;
  title: string;
  cells: Cell[];
  code: NotebookCodeCell[];
}

/** Reads and parses a notebook file (`*.deepsky.md`). */
export function readNotebook(path: string): NotebookFile {
  const {title, cells} = parseNotebookMarkdown(readFileSync(path, 'utf8'), basename(path));
  const code: NotebookCodeCell[] = [];
  cells.forEach((cell, i) => {
    if (cell.kind === 'code') code.push({cellNumber: i + 1, codeNumber: code.length + 1, id: cell.id, source: cell.source, manual: !!cell.manual});
  });
  return {path, title, cells, code};
}

/** Values the named-constant overrides may take (written into the cell as JSON). */
export type OverrideValue = number | string | boolean | null | readonly OverrideValue[] | {readonly [key: string]: OverrideValue};

export interface RunNotebookOptions {
  /** New values for top-level constants, by name. */
  overrides?: Record<string, OverrideValue>;
  /** Backends to try, in order (default wasm, then cpu). */
  prefer?: BackendName[];
  /**
   * Which code cells to run (default all); the cells they depend on run too, as in the app. Use it to run a fast
   * prefix of a notebook whose later cells cannot be shrunk enough.
   */
  select?: (cell: NotebookCodeCell) => boolean;
  /** Names whose final values the result should carry (`captured`). */
  capture?: string[];
  /** Fails the run when it takes longer (default 120 s). */
  timeoutMs?: number;
}

/** What one code cell did. */
export interface CellOutcome extends NotebookCodeCell {
  status: CellStatus | 'not run';
  /** Display specs the cell showed (`display(...)`, progress, its value when that is a spec), updates in place. */
  displays: DisplaySpec[];
  /** Previews of everything else it displayed or evaluated to. */
  previews: Preview[];
  logs: {level: string; text: string}[];
  error?: CellErrorInfo;
  /** Wall-clock milliseconds of the run, as the kernel measured it. */
  duration?: number;
}

export interface NotebookRun {
  title: string;
  backend: string;
  cells: CellOutcome[];
  /** Every display spec of every cell, in cell order. */
  displays: DisplaySpec[];
  /** The values of `capture`. */
  captured: Record<string, unknown>;
  /** Stops and forgets every cell (disposing what they left), like closing the notebook. */
  dispose(): void;
}

const CAPTURE = '__runnerCapture';
const SETTLED: ReadonlySet<CellStatus> = new Set(['done', 'error', 'interrupted']);

/** Replaces the initializers of top-level `const` declarations named in `overrides`. */
export function applyOverrides(code: readonly NotebookCodeCell[], overrides: Record<string, OverrideValue>): NotebookCodeCell[] {
  const found = new Map<string, number>();
  const out = code.map((cell) => {
    const file = ts.createSourceFile(`cell-${cell.codeNumber}.ts`, cell.source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const edits: {start: number; end: number; text: string}[] = [];
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !(decl.name.text in overrides)) continue;
        const name = decl.name.text;
        if (!decl.initializer) throw new Error(`override '${name}': its declaration in code cell ${cell.codeNumber} has no initializer`);
        found.set(name, (found.get(name) ?? 0) + 1);
        edits.push({start: decl.initializer.getStart(file), end: decl.initializer.end, text: JSON.stringify(overrides[name])});
      }
    }
    let source = cell.source;
    for (const e of edits.sort((a, b) => b.start - a.start)) source = source.slice(0, e.start) + e.text + source.slice(e.end);
    return {...cell, source};
  });
  for (const name of Object.keys(overrides)) {
    const n = found.get(name) ?? 0;
    if (n !== 1) throw new Error(`override '${name}': ${n === 0 ? 'no cell declares a top-level constant of that name' : `${n} declarations`}`);
  }
  return out;
}

/** One line of a cell's source with its number, for error messages. */
function sourceLine(source: string, line: number | undefined): string {
  if (line === undefined) return '';
  const text = source.split('\n')[line - 1];
  return text === undefined ? '' : `\n    ${line} | ${text}`;
}

function describeError(nb: string, cell: CellOutcome): string {
  const e = cell.error!;
  const where = `${nb}: code cell ${cell.codeNumber} (cell ${cell.cellNumber} of the notebook)${e.line ? `, line ${e.line}${e.column ? `:${e.column}` : ''}` : ''}`;
  return `${where}: ${e.name}: ${e.message}${sourceLine(cell.source, e.line)}${e.stack ? `\n  ${e.stack.split('\n').join('\n  ')}` : ''}`;
}

let backendReady: Promise<string> | undefined;

/** What the kernel worker sets up once (src/app/kernel/kernel-worker.ts): the backend, and stack depth for errors. */
function prepareKernel(prefer: BackendName[]): Promise<string> {
  (Error as {stackTraceLimit?: number}).stackTraceLimit = 100;
  return (backendReady ??= initBackend({prefer}).then((r) => r.backend));
}

/** Runs a notebook file; rejects with the first failing cell (number, line, source) or on timeout. */
export async function runNotebook(path: string, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const notebook = readNotebook(path);
  const name = basename(path);
  const code = applyOverrides(notebook.code, options.overrides ?? {});
  const backend = await prepareKernel(options.prefer ?? ['wasm', 'cpu']);

  const outcomes = new Map<string, CellOutcome>(code.map((c) => [c.id, {...c, status: 'not run', displays: [], previews: [], logs: []}]));
  const keyed = new Map<string, Map<string, number>>();
  const captured: Record<string, unknown> = {};
  let wake: () => void = () => {};

  const onEvent = (event: KernelEvent) => {
    if (event.type === 'analysis') return;
    const cell = outcomes.get(event.cellId);
    if (!cell) return;
    switch (event.type) {
      case 'status':
        cell.status = event.status;
        if (event.duration !== undefined) cell.duration = event.duration;
        break;
      case 'clear':
        cell.displays = [];
        cell.previews = [];
        cell.logs = [];
        keyed.delete(cell.id);
        break;
      case 'display':
      case 'value': {
        const preview = event.value;
        if (!preview) break;
        if (preview.kind !== 'display') {
          cell.previews.push(preview);
          break;
        }
        const spec = preview.spec as DisplaySpec;
        const key = event.type === 'display' ? event.key : undefined;
        const slots = keyed.get(cell.id) ?? new Map<string, number>();
        keyed.set(cell.id, slots);
        if (key !== undefined && slots.has(key)) cell.displays[slots.get(key)!] = spec;
        else {
          if (key !== undefined) slots.set(key, cell.displays.length);
          cell.displays.push(spec);
        }
        break;
      }
      case 'log':
        cell.logs.push({level: event.level, text: event.text});
        break;
      case 'error':
        cell.error = event.error;
        break;
    }
    wake();
  };

  const builtins = {...notebookBuiltins(), [CAPTURE]: (values: Record<string, unknown>) => Object.assign(captured, values)};
  const graph = new NotebookGraph(onEvent, builtins);
  const sources: CellSource[] = code.map((c) => ({id: c.id, source: c.source, manual: c.manual}));
  const probeId = 'runner-capture';
  if (options.capture?.length) sources.push({id: probeId, source: `${CAPTURE}({${options.capture.join(', ')}});`, manual: false});

  const analysis = await graph.sync(sources);
  const problems = analysis.filter((a) => a.error);
  if (problems.length) {
    for (const a of problems) if (outcomes.has(a.id)) outcomes.get(a.id)!.error = a.error;
    const first = outcomes.get(problems[0].id);
    throw new Error(first ? describeError(name, first) : `${name}: the capture cell failed: ${problems[0].error!.message}`);
  }
  const requested = code.filter((c) => options.select?.(c) ?? true).map((c) => c.id);
  if (options.capture?.length) requested.push(probeId);
  const dataflow = new Dataflow(analysis.map((a) => ({id: a.id, declarations: a.declarations, references: a.references})));
  const expected = new Set([...requested, ...dataflow.upstream(requested)].filter((id) => outcomes.has(id)));

  const dispose = () => {
    for (const s of sources) graph.remove(s.id);
  };
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = Date.now();
  await graph.run(sources, requested);
  try {
    // Settled when every expected cell has ended and nothing changes for a moment (a generator upstream may re-run a
    // dependant).
    for (;;) {
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const all = [...expected].map((id) => outcomes.get(id)!);
      const failed = all.find((c) => c.status === 'error' && c.error && !c.error.blocked);
      if (failed) throw new Error(describeError(name, failed));
      if (all.every((c) => SETTLED.has(c.status as CellStatus))) {
        const quiet = await Promise.race([woken.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 50))]);
        if (quiet) break;
        continue;
      }
      const left = timeoutMs - (Date.now() - started);
      const timedOut = await Promise.race([woken.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), Math.max(0, left)))]);
      if (timedOut) {
        const running = all.filter((c) => !SETTLED.has(c.status as CellStatus)).map((c) => `code cell ${c.codeNumber} (${c.status})`);
        graph.interrupt();
        throw new Error(`${name}: still running after ${timeoutMs} ms: ${running.join(', ')}`);
      }
    }
  } catch (error) {
    dispose();
    throw error;
  }
  const cells = code.map((c) => outcomes.get(c.id)!);
  return {title: notebook.title, backend, cells, displays: cells.flatMap((c) => c.displays), captured, dispose};
}
