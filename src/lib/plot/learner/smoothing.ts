/** Smoothing and thinning of long, noisy series (per-batch losses) before they are plotted. */

/**
 * Exponential moving average with bias correction (as fastai smooths its losses): entry i is the weighted mean of
 * values 0..i with weights `beta^(i-j)`, so early entries are not pulled towards 0. Non-finite values are skipped
 * (their entry is NaN) so one diverged batch does not poison the rest of the curve.
 */
export function smoothEma(values: ArrayLike<number>, beta: number, count = values.length): Float64Array {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`smoothing must be in [0, 1), got ${beta}`);
  const out = new Float64Array(count);
  let avg = 0;
  let weight = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    avg = beta * avg + (1 - beta) * v;
    weight = beta * weight + (1 - beta);
    out[i] = avg / weight;
  }
  return out;
}

/** How `count` points are grouped into at most `maxPoints` consecutive buckets: the end (exclusive) of each. */
export function bucketEnds(count: number, maxPoints: number): number[] {
  const buckets = Math.min(count, Math.max(1, Math.floor(maxPoints)));
  return Array.from({length: buckets}, (_, b) => Math.round(((b + 1) * count) / buckets));
}

/** The mean of the finite values in each bucket (NaN for a bucket without any). */
export function bucketMeans(values: ArrayLike<number>, ends: readonly number[]): number[] {
  let start = 0;
  return ends.map((end) => {
    let sum = 0;
    let n = 0;
    for (let i = start; i < end; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        n++;
      }
    }
    start = end;
    return n ? sum / n : NaN;
  });
}
