/**
 * Text insertions at offsets of an original string, applied at once, with the map from offsets in the result back
 * to offsets in the original (so errors in compiled code point at the code the user wrote).
 */

export interface Insertion {
  at: number;
  text: string;
  /** Opening text sorts before, closing text after, other insertions at the same offset. */
  side: 'open' | 'close';
  /** Nesting depth: outer openings come first, inner closings first. */
  depth: number;
}

export interface Edited {
  text: string;
  /** Maps an offset in `text` to the offset in the original it came from (inserted text maps to its anchor). */
  toOriginal(offset: number): number;
}

export function applyInsertions(original: string, insertions: readonly Insertion[]): Edited {
  const sorted = insertions
    .map((ins, order) => ({...ins, order}))
    .sort((a, b) => {
      if (a.at !== b.at) return a.at - b.at;
      if (a.side !== b.side) return a.side === 'close' ? -1 : 1;
      if (a.depth !== b.depth) return a.side === 'open' ? a.depth - b.depth : b.depth - a.depth;
      return a.order - b.order;
    });
  let text = '';
  let from = 0;
  // Segments [resultStart, originalStart, length] of copied original text.
  const segments: [number, number, number][] = [];
  for (const ins of sorted) {
    segments.push([text.length, from, ins.at - from]);
    text += original.slice(from, ins.at) + ins.text;
    from = ins.at;
  }
  segments.push([text.length, from, original.length - from]);
  text += original.slice(from);
  return {
    text,
    toOriginal(offset) {
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segments[mid][0] <= offset) lo = mid;
        else hi = mid - 1;
      }
      const [resultStart, originalStart, length] = segments[lo];
      return originalStart + Math.min(offset - resultStart, length);
    },
  };
}
