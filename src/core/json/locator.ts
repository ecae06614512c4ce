import { fromPointer } from './pointer';
import { keyAt, skipWhitespace, stringEnd, valueEnd } from './strictJson';

export interface Span {
  offset: number;
  length: number;
}

export interface SpanRequest {
  pointer: string;
  /** The value (default) or, for a property, its key. */
  prefer?: 'value' | 'key';
}

/** One segment of the pointers asked for, with where the scan last saw it. */
interface Step {
  children: Map<string, Step> | undefined;
  /** How many times the scan entered this value: a later duplicate key replaces what an earlier one recorded. */
  visits: number;
  /** The parent's `visits` when this was recorded: stale when the parent was seen again without this child. */
  parentVisit: number;
  offset: number;
  length: number;
  keyOffset: number;
  keyLength: number;
  container: boolean;
}

const newStep = (): Step => ({ children: undefined, visits: 0, parentVisit: -1, offset: 0, length: 0, keyOffset: -1, keyLength: 0, container: false });

/**
 * Finds the spans of many JSON pointers in one pass over a strict JSON text, descending only into the values on
 * the pointers' paths: time linear in the text plus the pointers, memory in the pointers alone. A missing pointer
 * gets the nearest existing ancestor's key (or the first character of a value without a key).
 */
export function locate(text: string, requests: readonly SpanRequest[]): Span[] {
  const root = newStep();
  const paths = requests.map((r) => {
    const steps = [root];
    let step = root;
    for (const segment of fromPointer(r.pointer)) {
      step.children ??= new Map();
      let next = step.children.get(segment);
      if (!next) step.children.set(segment, (next = newStep()));
      steps.push(next);
      step = next;
    }
    return steps;
  });
  const start = skipWhitespace(text, 0);
  if (start < text.length) visit(text, start, root, -1, 0, 0);
  return requests.map((r, i) => spanFrom(paths[i]!, r.prefer ?? 'value', text.length));
}

function visit(text: string, i: number, step: Step, keyOffset: number, keyLength: number, parentVisit: number): number {
  step.visits++;
  step.parentVisit = parentVisit;
  step.offset = i;
  step.keyOffset = keyOffset;
  step.keyLength = keyLength;
  const c = text.charCodeAt(i);
  step.container = c === 123 || c === 91;
  const children = step.children;
  let end: number;
  if (!children || !step.container) {
    end = valueEnd(text, i);
  } else if (c === 123) {
    let j = skipWhitespace(text, i + 1);
    if (text.charCodeAt(j) === 125) end = j + 1;
    else {
      for (;;) {
        const keyEnd = stringEnd(text, j);
        const child = children.get(keyAt(text, j, keyEnd));
        const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
        const after = child ? visit(text, valueStart, child, j, keyEnd - j, step.visits) : valueEnd(text, valueStart);
        const k = skipWhitespace(text, after);
        if (text.charCodeAt(k) === 125) {
          end = k + 1;
          break;
        }
        j = skipWhitespace(text, k + 1);
      }
    }
  } else {
    let j = skipWhitespace(text, i + 1);
    if (text.charCodeAt(j) === 93) end = j + 1;
    else {
      for (let index = 0; ; index++) {
        const child = children.get(String(index));
        const after = child ? visit(text, j, child, -1, 0, step.visits) : valueEnd(text, j);
        const k = skipWhitespace(text, after);
        if (text.charCodeAt(k) === 93) {
          end = k + 1;
          break;
        }
        j = skipWhitespace(text, k + 1);
      }
    }
  }
  step.length = end - i;
  return end;
}

function spanFrom(steps: Step[], prefer: 'value' | 'key', textLength: number): Span {
  // The deepest step that exists in the text, through an unbroken chain of current records.
  let found = -1;
  for (let n = 0; n < steps.length; n++) {
    const s = steps[n]!;
    const current = n === 0 ? s.visits > 0 : s.visits > 0 && s.parentVisit === steps[n - 1]!.visits;
    if (!current) break;
    found = n;
  }
  if (found < 0) return { offset: 0, length: Math.min(textLength, 1) };
  const s = steps[found]!;
  const exact = found === steps.length - 1;
  if (exact && prefer === 'value') return { offset: s.offset, length: s.length };
  if (s.keyOffset >= 0) return { offset: s.keyOffset, length: s.keyLength };
  if (exact && !s.container) return { offset: s.offset, length: s.length };
  return { offset: s.offset, length: Math.min(s.length, 1) };
}
