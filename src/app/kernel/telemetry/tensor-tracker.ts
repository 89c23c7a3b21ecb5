/**
 * Per-cell GPU telemetry: every tensor tfjs creates is attributed to the cell run whose code is running (or, for work
 * a library continues after its own awaits, the run that last had control), so each run knows what it created,
 * what is still alive, and what nothing refers to any more. Hooks the engine's trackTensor/disposeTensor, which every
 * tensor creation and disposal goes through (tfjs-core engine.ts).
 */
import * as tf from '@tensorflow/tfjs';

const BYTES: Record<string, number> = {float32: 4, int32: 4, bool: 1, complex64: 8};

export function tensorBytes(t: tf.Tensor): number {
  return t.size * (BYTES[t.dtype] ?? 0);
}

/** The tensors one cell run created. */
export class TensorLedger {
  readonly alive = new Set<tf.Tensor>();
  created = 0;
  createdBytes = 0;

  aliveBytes(): number {
    let bytes = 0;
    for (const t of this.alive) bytes += tensorBytes(t);
    return bytes;
  }
}

let paused = 0;

/** Runs `work` without attributing the tensors it creates to any cell (the notebook's own previews). */
export function untracked<T>(work: () => T): T {
  paused++;
  try {
    return work();
  } finally {
    paused--;
  }
}

interface EngineHooks {
  trackTensor(t: tf.Tensor, backend: unknown): void;
  disposeTensor(t: tf.Tensor): void;
}

export class TensorTracker {
  private readonly owners = new WeakMap<tf.Tensor, TensorLedger>();

  /** `ledgerNow` says which ledger a tensor created right now belongs to (undefined: nobody's). */
  constructor(private readonly ledgerNow: () => TensorLedger | undefined) {}

  install(): void {
    const engine = tf.engine() as unknown as EngineHooks;
    const track = engine.trackTensor.bind(engine);
    const dispose = engine.disposeTensor.bind(engine);
    engine.trackTensor = (t, backend) => {
      track(t, backend);
      // A variable's assign() disposes and re-tracks it: it stays its first owner's.
      const owner = this.owners.get(t);
      if (owner) {
        owner.alive.add(t);
        return;
      }
      const ledger = paused ? undefined : this.ledgerNow();
      if (!ledger) return;
      this.owners.set(t, ledger);
      ledger.alive.add(t);
      ledger.created++;
      ledger.createdBytes += tensorBytes(t);
    };
    engine.disposeTensor = (t) => {
      dispose(t);
      this.owners.get(t)?.alive.delete(t);
    };
  }
}

/**
 * The tensors reachable from some values: walks arrays, plain and class objects (a LayersModel's layers and their
 * weights, an optimizer's slots), Maps and Sets, up to a bound. Closures cannot be walked: a tensor only a function
 * captures counts as unreachable.
 */
export function reachableTensors(roots: readonly unknown[], limit = 200_000): Set<tf.Tensor> {
  const found = new Set<tf.Tensor>();
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length && seen.size < limit) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (value instanceof tf.Tensor) {
      found.add(value);
      continue;
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push(k, v);
      continue;
    }
    if (value instanceof Set) {
      for (const v of value) stack.push(v);
      continue;
    }
    if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
      continue;
    }
    for (const key of Object.keys(value)) {
      try {
        stack.push((value as Record<string, unknown>)[key]);
      } catch {
        // a throwing getter: nothing to follow
      }
    }
  }
  return found;
}
