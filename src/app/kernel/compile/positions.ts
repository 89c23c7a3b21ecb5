/** Offsets ↔ 1-based line and column, for mapping positions between a cell's source and its compiled forms. */

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return {line: lo + 1, column: offset - this.starts[lo] + 1};
  }

  offset(position: Position): number {
    const start = this.starts[Math.min(Math.max(position.line, 1), this.starts.length) - 1];
    return start + Math.max(position.column, 1) - 1;
  }
}
