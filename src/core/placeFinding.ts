import type { Diagnostic } from './diagnostic';
import type { JsonDocument } from './json/jsonDocument';
import type { Finding } from './rules/ruleContext';

/** Turns a finding about a JSON pointer (from a rule or from media pre-flight) into a diagnostic at its place in the text. */
export function placeFinding(document: JsonDocument, f: Finding): Diagnostic {
  return placeFindings(document, [f])[0]!;
}

/**
 * placeFinding for many findings: their pointers are found in one pass over the text, so placing n findings in a
 * text of size m costs m + n, not m × n.
 */
export function placeFindings(document: JsonDocument, findings: readonly Finding[]): Diagnostic[] {
  const unplaced = findings.filter((f) => !f.at);
  const spans = document.spansOf(unplaced.map((f) => ({ pointer: f.pointer, prefer: f.span })));
  let next = 0;
  return findings.map((f) => {
    const span = f.at ?? spans[next++]!;
    const d: Diagnostic = {
      severity: f.severity,
      code: f.code,
      message: f.message,
      pointer: f.pointer,
      range: document.rangeOf(span.offset, span.length),
      offset: span.offset,
      length: span.length,
    };
    if (f.innerPointer !== undefined) d.innerPointer = f.innerPointer;
    if (f.data) d.data = f.data;
    return d;
  });
}
