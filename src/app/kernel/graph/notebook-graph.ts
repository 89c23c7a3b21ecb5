/**
 * The kernel's dataflow graph on @observablehq/runtime. Each code cell is one runtime variable (`cell <id>`) whose
 * value is an object of the names it declares, plus one variable per declared name that dependants read, so a
 * cell that mentions another cell's name depends on it and re-runs when it changes.
 *
 * Cells enter the runtime when they are first run (with the cells they need that have not run yet); until then the
 * kernel only analyses them, so a reload or restart runs nothing. Names resolve to cells first, then to the library
 * and the notebook's builtins, then to the worker's globals. Values cross between variables boxed, so a cell that
 * defines a Promise or a generator hands over exactly that (TypeScript's types stay true), rather than the runtime
 * awaiting or iterating it.
 */
import {Runtime, RuntimeError, type Module, type Observer, type Variable} from '@observablehq/runtime';
import {compileCell, CompileError, type CompiledCell} from '../compile';
import {explainError, hintFor} from '../errors/explain-error';
import type {CellAnalysis, CellErrorInfo, CellSource, KernelEvent} from '../protocol';
import {cellRuntime, forgetRun, setCurrentRun} from '../run/async-context';
import {CellGenerator} from '../run/cell-generator';
import {CellRun} from '../run/cell-run';
import {reachableTensors} from '../telemetry/tensor-tracker';
import {Dataflow} from './static-checks';
import {checkpointKey} from '../checkpoints/checkpoint-key';
import type {IdbCheckpointStore} from '../checkpoints/idb-checkpoint-store';

/** Compiles of one cell whose stack traces can still be mapped back to its source. */
const URLS_KEPT_PER_CELL = 8;

class Boxed {
  constructor(readonly value: unknown) {}
}

const unbox = (value: unknown) => (value instanceof Boxed ? value.value : value);

/** Thrown by the runtime definition of a cell that cannot run (compile error, duplicate, cycle): already shown. */
class ReportedError extends Error {}

type CellFunction = (...args: unknown[]) => unknown;

interface KernelCell {
  id: string;
  source: string;
  manual: boolean;
  compiled?: CompiledCell;
  fn?: CellFunction;
  error?: CellErrorInfo;
  variable?: Variable;
  names: Map<string, Variable>;
  /** Whether the cell is in the runtime (has been run since the kernel started). */
  active: boolean;
  run?: CellRun;
  /** Set when the user asked this cell to run (a manual cell re-runs only then). */
  runRequested: boolean;
  removed: boolean;
  /** Where training in this cell checkpoints (changes with its code and its inputs' code). */
  checkpointKey?: string;
  /** The next run restores the checkpoint. */
  resume: boolean;
}

export class NotebookGraph {
  private readonly runtime: Runtime;
  private readonly module: Module;
  private readonly cells = new Map<string, KernelCell>();
  private readonly byUrl = new Map<string, {cellId: string; toSource: CompiledCell['toSource']}>();
  /** Each cell's latest compiled URLs, newest last: only these stay in `byUrl` (every edit compiles anew). */
  private readonly urlsOf = new Map<string, string[]>();
  private dataflow = new Dataflow([]);
  private errors = new Map<string, CellErrorInfo>();

  constructor(
    private readonly send: (event: KernelEvent) => void,
    private readonly builtins: Record<string, unknown>,
    private readonly checkpoints?: IdbCheckpointStore,
  ) {
    const boxed = Object.fromEntries(Object.entries(builtins).map(([name, value]) => [name, () => new Boxed(value)]));
    this.runtime = new Runtime(boxed, (name) => {
      if (name in globalThis) return new Boxed((globalThis as Record<string, unknown>)[name]);
      throw new Error(`${name} is not defined`);
    });
    this.module = this.runtime.module();
  }

  /** Updates the kernel's copy of the notebook's code cells and analyses them (with saved checkpoints); runs nothing. */
  async sync(sources: readonly CellSource[]): Promise<CellAnalysis[]> {
    const analysis = this.update(sources);
    await this.updateCheckpointKeys();
    return this.withSavedCheckpoints(analysis);
  }

  /** Adds to each cell's analysis the checkpoint saved for it, if any (the page offers to resume from it). */
  private async withSavedCheckpoints(analysis: CellAnalysis[]): Promise<CellAnalysis[]> {
    if (!this.checkpoints) return analysis;
    const keys = [...this.cells.values()].flatMap((c) => (c.checkpointKey ? [c.checkpointKey] : []));
    const saved = await this.checkpoints.info(keys).catch(() => new Map());
    for (const a of analysis) {
      const key = this.cells.get(a.id)?.checkpointKey;
      const info = key ? saved.get(key) : undefined;
      if (info) a.checkpoint = info;
    }
    return analysis;
  }

  private update(sources: readonly CellSource[]): CellAnalysis[] {
    const present = new Set(sources.map((s) => s.id));
    for (const id of [...this.cells.keys()]) if (!present.has(id)) this.remove(id);
    for (const {id, source, manual} of sources) {
      let cell = this.cells.get(id);
      if (!cell) {
        cell = {id, source, manual, names: new Map(), active: false, runRequested: false, removed: false, resume: false};
        this.cells.set(id, cell);
        this.compile(cell);
      } else if (cell.source !== source) {
        cell.source = source;
        this.compile(cell);
      }
      cell.manual = manual;
    }
    return this.analyse();
  }

  /**
   * Runs `ids` (re-running them if they ran before) and any cells they need that have not run yet; cells in `resume`
   * restore their training checkpoint.
   */
  async run(sources: readonly CellSource[], ids: readonly string[], resume: readonly string[] = []): Promise<CellAnalysis[]> {
    const analysis = this.update(sources);
    await this.updateCheckpointKeys();
    for (const id of resume) {
      const cell = this.cells.get(id);
      if (cell) cell.resume = true;
    }
    const requested = ids.filter((id) => this.cells.has(id));
    const needed = [...this.dataflow.upstream(requested)].filter((id) => !this.cells.get(id)!.active && !requested.includes(id));
    for (const id of [...needed, ...requested]) this.define(this.cells.get(id)!);
    // The page replaces its analysis with this one: without the saved checkpoints, running any cell would hide
    // every cell's offer to resume.
    return this.withSavedCheckpoints(analysis);
  }

  /** Stops the running cells (all when `ids` is absent); returns the ids that were running. */
  interrupt(ids?: readonly string[]): string[] {
    const stopped: string[] = [];
    for (const cell of this.cells.values()) {
      if (ids && !ids.includes(cell.id)) continue;
      if (cell.run && !cell.run.isEnded) {
        cell.run.stop('interrupted');
        stopped.push(cell.id);
      }
    }
    return stopped;
  }

  remove(id: string): void {
    const cell = this.cells.get(id);
    if (!cell) return;
    cell.removed = true;
    this.cells.delete(id);
    for (const url of this.urlsOf.get(id) ?? []) this.byUrl.delete(url);
    this.urlsOf.delete(id);
    const run = cell.run;
    run?.stop('removed');
    for (const v of cell.names.values()) v.delete();
    cell.names.clear();
    cell.variable?.delete();
    if (run) void run.settled.then(() => this.disposeLeftovers(run, undefined));
    this.dataflow = new Dataflow(this.namesOfAll());
  }

  /** Running cells (for live telemetry). */
  runningRuns(): CellRun[] {
    return [...this.cells.values()].flatMap((c) => (c.run && !c.run.isEnded ? [c.run] : []));
  }

  /** Maps a stack frame's sourceURL to the cell it came from. */
  frameMapper = (url: string) => this.byUrl.get(url);

  /** Names a cell could mean: other cells' names and the builtins (for "did you mean" hints). */
  knownNames = (): string[] => [...this.dataflow.owners.keys(), ...Object.keys(this.builtins)];

  private compile(cell: KernelCell): void {
    cell.compiled = undefined;
    cell.fn = undefined;
    cell.error = undefined;
    try {
      const compiled = compileCell(cell.source, cell.id);
      cell.fn = (0, eval)(compiled.code) as CellFunction;
      cell.compiled = compiled;
      this.rememberUrl(cell.id, compiled);
    } catch (error) {
      if (error instanceof CompileError) {
        cell.error = {name: 'SyntaxError', message: error.message, line: error.position?.line, column: error.position?.column};
      } else {
        cell.error = explainError(error, cell.id, this.frameMapper);
      }
    }
  }

  /**
   * Keeps the source map of a cell's compile for stack traces. A run may still be going from an earlier compile, so
   * the last few compiles of each cell are kept, not just the newest; older ones (and a removed cell's) are dropped.
   */
  private rememberUrl(cellId: string, compiled: CompiledCell): void {
    const urls = this.urlsOf.get(cellId) ?? [];
    urls.push(compiled.url);
    this.byUrl.set(compiled.url, {cellId, toSource: compiled.toSource});
    for (const old of urls.splice(0, Math.max(0, urls.length - URLS_KEPT_PER_CELL))) this.byUrl.delete(old);
    this.urlsOf.set(cellId, urls);
  }

  private async updateCheckpointKeys(): Promise<void> {
    await Promise.all(
      [...this.cells.values()].map(async (cell) => {
        const upstream = [...this.dataflow.upstream([cell.id])].map((id) => this.cells.get(id)!.source);
        cell.checkpointKey = await checkpointKey(cell.source, upstream);
      }),
    );
  }

  private namesOfAll() {
    return [...this.cells.values()].map((c) => ({
      id: c.id,
      declarations: c.compiled?.declarations ?? [],
      references: c.compiled?.references ?? [],
    }));
  }

  private analyse(): CellAnalysis[] {
    this.dataflow = new Dataflow(this.namesOfAll());
    const {duplicates, cycles} = this.dataflow.problems();
    this.errors.clear();
    return [...this.cells.values()].map((cell) => {
      const problem = duplicates.get(cell.id) ?? cycles.get(cell.id);
      const error = cell.error ?? (problem ? {name: duplicates.has(cell.id) ? 'DuplicateDefinition' : 'CircularDefinition', message: problem} : undefined);
      if (error) this.errors.set(cell.id, error);
      return {id: cell.id, declarations: cell.compiled?.declarations ?? [], references: cell.compiled?.references ?? [], error};
    });
  }

  private define(cell: KernelCell): void {
    cell.active = true;
    cell.runRequested = true;
    cell.variable ??= this.module.variable(this.observer(cell));
    const name = `cell ${cell.id}`;
    const error = this.errors.get(cell.id);
    if (error || !cell.compiled || !cell.fn) {
      const shown = error ?? {name: 'Error', message: 'This cell could not be compiled.'};
      cell.run?.stop('rerun');
      this.send({type: 'clear', cellId: cell.id});
      this.send({type: 'error', cellId: cell.id, error: shown});
      this.send({type: 'status', cellId: cell.id, status: 'error', time: Date.now()});
      cell.variable.define(name, [], () => {
        throw new ReportedError(shown.message);
      });
    } else {
      cell.variable.define(name, [...cell.compiled.inputs, 'invalidation'], this.definition(cell, cell.compiled, cell.fn));
    }
    this.defineNames(cell, name, cell.compiled?.declarations ?? []);
  }

  private defineNames(cell: KernelCell, cellVariable: string, declarations: readonly string[]): void {
    for (const [n, v] of cell.names) {
      if (!declarations.includes(n)) {
        v.delete();
        cell.names.delete(n);
      }
    }
    for (const n of declarations) {
      if (cell.names.has(n)) continue;
      const v = this.module.variable().define(n, [cellVariable], (values: Record<string, unknown>) => new Boxed(values[n]));
      cell.names.set(n, v);
    }
  }

  private observer(cell: KernelCell): Observer {
    return {
      pending: () => {
        if (!cell.run || cell.run.isEnded) this.send({type: 'status', cellId: cell.id, status: 'queued', time: Date.now()});
      },
      rejected: (error) => {
        if (cell.removed || cell.run?.endedWithError(error)) return;
        if (error instanceof ReportedError) {
          // Shown when the cell was defined; only the status the runtime's `pending` overwrote needs restoring.
          this.send({type: 'status', cellId: cell.id, status: 'error', time: Date.now()});
          return;
        }
        this.send({type: 'clear', cellId: cell.id});
        this.send({type: 'error', cellId: cell.id, error: this.explainBlocked(error)});
        this.send({type: 'status', cellId: cell.id, status: 'error', time: Date.now()});
      },
    };
  }

  private explainBlocked(error: unknown): CellErrorInfo {
    const message = error instanceof Error ? error.message : String(error);
    const input = error instanceof RuntimeError ? error.input : undefined;
    if (/ is not defined$/.test(message)) {
      return {name: 'ReferenceError', message, hint: hintFor(message, this.knownNames)};
    }
    if (/defined more than once|circular definition/.test(message)) return {name: 'Error', message};
    return {
      name: 'Blocked',
      message: input ? `Not run: \`${input}\` is not available because the cell that defines it failed (${message}).` : `Not run: ${message}`,
      blocked: true,
    };
  }

  /** The runtime definition of a cell: one call = one run. */
  private definition(cell: KernelCell, compiled: CompiledCell, fn: CellFunction) {
    const run = (previous: unknown, args: unknown[]) => this.runCell(cell, compiled, fn, previous, args);
    // The runtime passes the previous value as `this` (kept for a manual cell whose input changed).
    return function (this: unknown, ...args: unknown[]): unknown {
      return run(this, args);
    };
  }

  private runCell(cell: KernelCell, compiled: CompiledCell, fn: CellFunction, previous: unknown, args: unknown[]): unknown {
    const invalidation = args.pop() as Promise<void>;
    if (cell.manual && !cell.runRequested && cell.run) {
      this.send({type: 'status', cellId: cell.id, status: 'stale', time: Date.now(), reason: 'An input changed; run this cell to update it.'});
      return previous;
    }
    cell.runRequested = false;
    const prior = cell.run;
    const run = new CellRun(cell.id, {send: this.send, explain: (e, id) => explainError(e, id, this.frameMapper, this.knownNames)});
    if (this.checkpoints && cell.checkpointKey) run.context.checkpoints = {store: this.checkpoints, key: cell.checkpointKey, resume: cell.resume};
    cell.resume = false;
    cell.run = run;
    if (prior) {
      prior.stop('rerun');
      void prior.settled.then(() => this.disposeLeftovers(prior, run));
    }
    invalidation.then(() => {
      const upstreamChangeOfManualCell = cell.manual && !cell.runRequested && !cell.removed;
      if (upstreamChangeOfManualCell) {
        this.send({type: 'status', cellId: cell.id, status: 'stale', time: Date.now(), reason: 'An input changed; run this cell to update it.'});
      } else {
        run.stop(cell.removed ? 'removed' : 'rerun');
      }
    });
    void run.settled.then(() => forgetRun(run));
    run.start();
    const inputs = args.map(unbox);
    let result: unknown;
    setCurrentRun(run);
    try {
      result = fn(cellRuntime, run, run.display, invalidation, ...inputs);
    } catch (error) {
      throw run.fail(error);
    } finally {
      setCurrentRun(undefined);
    }
    if (compiled.isGenerator) return new CellGenerator(result as Iterator<unknown>, run);
    if (compiled.isAsync) {
      return (result as Promise<unknown>).then(
        () => run.finish(),
        (error) => {
          throw run.fail(error);
        },
      );
    }
    return run.finish();
  }

  /**
   * Disposes the tensors a finished run left behind that no cell's current values refer to (they could never be
   * reached again), and reports the count on the run that replaced it.
   */
  private disposeLeftovers(prior: CellRun, next: CellRun | undefined): void {
    const roots: unknown[] = [];
    for (const cell of this.cells.values()) {
      if (cell.run && cell.run !== prior) roots.push(cell.run.lastExports, cell.run.value);
    }
    const reachable = reachableTensors(roots);
    let disposed = 0;
    for (const t of [...prior.ledger.alive]) {
      if (reachable.has(t) || t.isDisposed) continue;
      t.dispose();
      disposed++;
    }
    if (next && disposed) {
      next.disposedFromPrevious += disposed;
      if (next.isEnded) next.sendTelemetry(false);
    }
  }
}
