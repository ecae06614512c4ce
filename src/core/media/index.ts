/**
 * Media pre-flight: checks the files behind a payload's media URLs the way LINE will fetch them (HTTPS with
 * TLS 1.2+, no http: redirects, type, size, card image width and ratio). Typical use:
 *
 *   const checker = new MediaChecker({ timeoutMs });           // one per extension / CLI run; close() at the end
 *   const { document, anatomy } = checkText(text);
 *   const findings = await checker.checkMedia(anatomy.media, { signal, onProgress });
 *   const diagnostics = mediaDiagnostics(document, findings);
 */
import type { Diagnostic } from '../diagnostic';
import type { JsonDocument } from '../json/jsonDocument';
import type { PayloadAnatomy } from '../payload/anatomy';
import type { CheckMediaOptions, MediaChecker } from './mediaChecker';
import { mediaDiagnostics } from './mediaDiagnostics';

export { MediaChecker, skipReason } from './mediaChecker';
export type { CheckMediaOptions, MediaCheckerOptions, MediaInspection, SkipReason } from './mediaChecker';
export { mediaDiagnostics } from './mediaDiagnostics';
export { MediaProbe } from './mediaProbe';
export type { MediaProbeOptions, MediaProber, MediaTlsOptions, ProbeOutcome, ProbeRequest } from './mediaProbe';
export { judgeMedia, remoteMediaLimits, formatBytes } from './remoteMediaRules';
export type { MediaFinding, MediaFindingCode } from './remoteMediaRules';
export type { MediaFacts, MediaFailure, MediaFailureKind, ImageDimensions } from './mediaFacts';
export { cachePolicyOf } from './mediaCache';

/** checkMedia + mediaDiagnostics for one checked payload (the result of `checkText`). Never rejects. */
export async function checkDocumentMedia(
  checker: MediaChecker,
  checked: { document: JsonDocument; anatomy: PayloadAnatomy },
  options: CheckMediaOptions = {},
): Promise<Diagnostic[]> {
  const findings = await checker.checkMedia(checked.anatomy.media, options);
  return mediaDiagnostics(checked.document, findings);
}
