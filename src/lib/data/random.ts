/**
 * Seeded randomness for data work (shuffles, splits, augmentation parameters). tfjs generates its random numbers on
 * the CPU anyway (see the browser-training notes, §1.2), so drawing them here in JS costs nothing extra and gives
 * the same values on every backend.
 */

/** A seeded pseudo-random number generator (mulberry32): fast, 32-bit state, good enough for data shuffling. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** A generator whose sequence depends only on `seed` (any finite number; fractional parts are mixed in). */
export function createRng(seed: number): Rng {
  let state = mixSeed(seed) >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log(u) stays finite
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Derives an independent seed from a base seed and integers (epoch, batch index...), so streams don't overlap. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mixSeed(seed);
  for (const part of parts) h = murmurFinish(h ^ Math.imul(mixSeed(part) + 0x9e3779b9, 0x85ebca6b));
  return h >>> 0;
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** A fresh seed for callers that gave none (reported back to them so a run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

function mixSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`random seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const low = whole | 0;
  const high = Math.trunc(whole / 2 ** 32) | 0;
  const frac = Math.round((seed - whole) * 2 ** 31) | 0;
  return murmurFinish(low ^ murmurFinish(high + 0x632be5ab) ^ murmurFinish(frac + 0x1b873593));
}

function murmurFinish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
