import type { Position, Range } from '../diagnostic';

/** Offset ↔ position conversion over a text, with line starts computed once. */
export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    // Line ends found by indexOf (native scanning), not a loop over every character: a megabyte string value is one
    // long line, and costs one search.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      } else {
        const crlf = text.charCodeAt(cr + 1) === 10;
        const next = crlf ? cr + 2 : cr + 1;
        starts.push(next);
        if (crlf) lf = text.indexOf('\n', next);
        cr = text.indexOf('\r', next);
      }
    }
    this.#starts = starts;
  }

  positionAt(offset: number): Position {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }

  offsetAt(position: Position): number {
    const start = this.#starts[Math.min(position.line, this.#starts.length - 1)] ?? 0;
    return start + position.character;
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
}
