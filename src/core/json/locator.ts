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
  /** A pointer asked for ends here: 'key' when only its key is wanted, 'value' when its value's span is. */
  target: 'key' | 'value' | undefined;
}

const newStep = (): Step => ({ children: undefined, visits: 0, parentVisit: -1, offset: 0, length: 0, keyOffset: -1, keyLength: 0, container: false, target: undefined });

/** Returned by visit when every pointer has been found and the rest of the text cannot change a span. */
const done = -1;

interface Scan {
  /** Targets not yet seen whole; the scan ends when it reaches 0 (only when no key repeats: see locate). */
  remaining: number;
  stopEarly: boolean;
}

/**
 * Finds the spans of many JSON pointers in one pass over a strict JSON text, descending only into the values on
 * the pointers' paths: time linear in the text plus the pointers, memory in the pointers alone. A missing pointer
 * gets the nearest existing ancestor's key (or the first character of a value without a key).
 *
 * `noRepeatedKeys`: the text has no property name twice in one object (JsonDocument knows), so nothing after the
 * last pointer found can replace it, and the scan ends there instead of at the end of the text. A finding near the
 * top of a large file is then placed without reading the rest.
 */
export function locate(text: string, requests: readonly SpanRequest[], noRepeatedKeys = false): Span[] {
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
    if ((r.prefer ?? 'value') === 'value') step.target = 'value';
    else step.target ??= 'key';
    return steps;
  });
  // Each place counted once, however many requests end there.
  const targets = new Set(paths.map((steps) => steps[steps.length - 1]!)).size;
  const scan: Scan = { remaining: targets, stopEarly: noRepeatedKeys };
  const start = skipWhitespace(text, 0);
  if (start < text.length) visit(text, start, root, -1, 0, 0, scan);
  return requests.map((r, i) => spanFrom(paths[i]!, r.prefer ?? 'value', text.length));
}

function visit(text: string, i: number, step: Step, keyOffset: number, keyLength: number, parentVisit: number, scan: Scan): number {
  step.visits++;
  step.parentVisit = parentVisit;
  step.offset = i;
  step.keyOffset = keyOffset;
  step.keyLength = keyLength;
  const c = text.charCodeAt(i);
  step.container = c === 123 || c === 91;
  // Only the key is wanted, and no later duplicate can replace it: it counts as found now, before its value is read
  // (a finding about a carousel's cards is placed without reading every card). Its value is read only for pointers
  // below it, or to step over it.
  const foundAtKey = scan.stopEarly && step.target === 'key' && keyOffset >= 0 && step.visits === 1;
  if (foundAtKey && --scan.remaining === 0) return done;
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
        const after = child ? visit(text, valueStart, child, j, keyEnd - j, step.visits, scan) : valueEnd(text, valueStart);
        if (after === done) return done;
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
        const after = child ? visit(text, j, child, -1, 0, step.visits, scan) : valueEnd(text, j);
        if (after === done) return done;
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
  if (step.target !== undefined && !foundAtKey && step.visits === 1 && --scan.remaining === 0 && scan.stopEarly) return done;
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
