import { type CheckResult, checkText } from '../check';
import type { Diagnostic } from '../diagnostic';
import { stripBom } from '../payloadFiles';
import { type Resolution, type VariableLookup, resolveVariables } from './variables';

export type Prepared =
  | { ok: true; body: Record<string, unknown>; resolvedText: string; warnings: Diagnostic[]; resolution: Resolution }
  /** `stage` says what stopped it: the payload as written, its variables, or the payload once they were filled in. */
  | { ok: false; stage: 'check' | 'variables' | 'resolved-check'; errors: Diagnostic[]; warnings: Diagnostic[]; missing: string[]; check?: CheckResult };

/**
 * Everything that must hold before a byte goes out: the payload as written has no error, every placeholder has a
 * value, and the payload with the values filled in still has no error (a value can push a title past LINE's
 * limit). Returns the body to send, or why nothing may be sent.
 */
export function prepareSend(text: string, variables: { name: string; lookup: VariableLookup }[]): Prepared {
  const source = stripBom(text);
  const written = checkText(source);
  const errorsOf = (r: CheckResult) => r.diagnostics.filter((d) => d.severity === 'error');
  if (errorsOf(written).length) return { ok: false, stage: 'check', errors: errorsOf(written), warnings: [], missing: [], check: written };
  const resolution = resolveVariables(source, variables);
  if (resolution.missing.length) return { ok: false, stage: 'variables', errors: [], warnings: [], missing: resolution.missing };
  const resolved = resolution.text === source ? written : checkText(resolution.text);
  const warnings = resolved.diagnostics.filter((d) => d.severity === 'warning');
  if (errorsOf(resolved).length) return { ok: false, stage: 'resolved-check', errors: errorsOf(resolved), warnings, missing: [], check: resolved };
  const body = resolved.document.value as Record<string, unknown>;
  return { ok: true, body, resolvedText: resolution.text, warnings, resolution };
}

/** "contact 01EX…" or "LINE U4623…": who a body is addressed to, for history and notifications. */
export function describeRecipient(body: unknown): string {
  const recipient = (body as { recipient?: Record<string, unknown> } | undefined)?.recipient;
  if (!recipient) return '(no recipient)';
  if (typeof recipient.contact_id === 'string') return `contact ${recipient.contact_id}`;
  const identities = (recipient.identified_by as { channel_identities?: { channel?: string; identity?: string }[] } | undefined)?.channel_identities;
  if (Array.isArray(identities) && identities.length) return identities.map((i) => `${i.channel ?? '?'} ${i.identity ?? '?'}`).join(', ');
  return '(unknown recipient)';
}
