import { type Diagnostic, severityRank } from '../diagnostic';
import type { JsonDocument } from '../json/jsonDocument';
import type { MediaFinding } from './remoteMediaRules';

/**
 * Places media findings on the URL strings they are about. The document must be the text the refs came from:
 * after an edit, re-run the check (or drop the findings) rather than map stale pointers onto new text.
 */
export function mediaDiagnostics(document: JsonDocument, findings: readonly MediaFinding[]): Diagnostic[] {
  const diagnostics = findings.map((f): Diagnostic => {
    const span = document.spanOf(f.pointer);
    const d: Diagnostic = {
      severity: f.severity,
      code: f.code,
      message: f.message,
      pointer: f.pointer,
      range: document.rangeOf(span.offset, span.length),
      offset: span.offset,
      length: span.length,
    };
    if (f.data) d.data = f.data;
    return d;
  });
  return diagnostics.sort((a, b) => a.offset - b.offset || severityRank[a.severity] - severityRank[b.severity]);
}
