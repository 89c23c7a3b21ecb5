/**
 * The benchmark harness. A benchmark is a set of cases (variant × backend) measured side by side in one process:
 * every round runs each case once, in turn, so drift on a shared machine hits all cases alike. It reports the median
 * per case and its ratio to a baseline case.
 */
import * as tf from '@tensorflow/tfjs';

export interface Case {
  variant: string;
  /** A tfjs backend (`cpu`, `wasm`, `webgpu`: made active before setup and each run) or another runtime's name. */
  backend: string;
  /** The tfjs backend to activate when `backend` is only a label (e.g. 'cpu (tfjs kernels)' runs on 'cpu'). */
  tfjsBackend?: string;
  /** Prepares the case (build a model, upload data) on its backend. Not timed. */
  setup?: () => Promise<void> | void;
  /** One sample. The harness times it, unless it returns its own measured milliseconds (e.g. a subprocess). */
  run: () => Promise<number | void> | number | void;
  teardown?: () => Promise<void> | void;
}

export interface Benchmark {
  name: string;
  /** Report a rate (work per second) instead of milliseconds, e.g. `{unit: 'MB/s', workPerRun: 64}`. */
  rate?: {unit: string; workPerRun: number};
  /** Each row is compared with the row of the same variant on this backend, or of this variant on the same backend. */
  baseline: {backend: string} | {variant: string};
  /** Builds the cases; `notes` explain cases that could not run here. */
  cases: () => Promise<{cases: Case[]; notes?: string[]}>;
  /** Timed rounds (default 5); stops earlier after `maxSeconds` (default 120) once 3 rounds are done. */
  samples?: number;
  /** Untimed rounds first (default 1). */
  warmup?: number;
  maxSeconds?: number;
}

export interface Row {
  bench: string;
  variant: string;
  backend: string;
  median: number;
  unit: string;
  /** Which row this one is compared with: `variant@backend`. */
  baseline: string;
  /** This row's median over the baseline row's (null when the baseline row is missing). */
  ratio: number | null;
  samples: number;
}

const TFJS_BACKENDS = new Set(['cpu', 'wasm', 'webgpu', 'webgl']);

async function activate(c: Case): Promise<void> {
  const backend = c.tfjsBackend ?? c.backend;
  if (TFJS_BACKENDS.has(backend) && tf.getBackend() !== backend) {
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} is not available`);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function runBenchmark(bench: Benchmark, log: (line: string) => void): Promise<Row[]> {
  const {cases, notes = []} = await bench.cases();
  for (const note of notes) log(`  note: ${note}`);
  for (const c of cases) {
    await activate(c);
    await c.setup?.();
  }
  const timings = cases.map(() => [] as number[]);
  const warmup = bench.warmup ?? 1;
  const samples = bench.samples ?? 5;
  const deadline = Date.now() + (bench.maxSeconds ?? 120) * 1000;
  for (let round = 0; round < warmup + samples; round++) {
    if (round >= warmup + 3 && Date.now() > deadline) break;
    for (const [i, c] of cases.entries()) {
      await activate(c);
      const start = performance.now();
      const own = await c.run();
      const ms = typeof own === 'number' ? own : performance.now() - start;
      if (round >= warmup) timings[i].push(ms);
    }
  }
  for (const c of cases) {
    await activate(c);
    await c.teardown?.();
  }
  const unit = bench.rate ? `${bench.rate.unit} (higher is better)` : 'ms (lower is better)';
  const value = (ms: number) => (bench.rate ? bench.rate.workPerRun / (ms / 1000) : ms);
  const rows = cases.map((c, i): Row => {
    const baseline = 'backend' in bench.baseline
      ? {variant: c.variant, backend: bench.baseline.backend}
      : {variant: bench.baseline.variant, backend: c.backend};
    return {
      bench: bench.name,
      variant: c.variant,
      backend: c.backend,
      median: value(median(timings[i])),
      unit,
      baseline: `${baseline.variant}@${baseline.backend}`,
      ratio: null,
      samples: timings[i].length,
    };
  });
  for (const row of rows) {
    const base = rows.find((r) => `${r.variant}@${r.backend}` === row.baseline);
    row.ratio = base ? row.median / base.median : null;
  }
  return rows;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['bench', 'variant', 'backend', 'median', 'unit', 'vs', 'ratio', 'n'];
  const body = rows.map((r) => [
    r.bench,
    r.variant,
    r.backend,
    r.median >= 100 ? r.median.toFixed(0) : r.median.toPrecision(3),
    r.unit,
    r.baseline,
    r.ratio === null ? '–' : `${r.ratio.toPrecision(3)}x`,
    String(r.samples),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
