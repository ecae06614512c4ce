import { type Diagnostic, compareDiagnostics } from '../diagnostic';
import { placeFindings } from '../placeFinding';
import type { JsonDocument } from '../json/jsonDocument';
import type { MediaFinding } from './remoteMediaRules';

/**
 * Places media findings on the URL strings they are about. The document must be the text the refs came from:
 * after an edit, re-run the check (or drop the findings) rather than map stale pointers onto new text.
 */
export function mediaDiagnostics(document: JsonDocument, findings: readonly MediaFinding[]): Diagnostic[] {
  return placeFindings(document, findings).sort(compareDiagnostics);
}
