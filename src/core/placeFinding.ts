import type { Diagnostic } from './diagnostic';
import type { JsonDocument } from './json/jsonDocument';
import type { Finding } from './rules/ruleContext';

/** Turns a finding about a JSON pointer (from a rule or from media pre-flight) into a diagnostic at its place in the text. */
export function placeFinding(document: JsonDocument, f: Finding): Diagnostic {
  const span = f.at ?? document.spanOf(f.pointer, f.span);
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
}
