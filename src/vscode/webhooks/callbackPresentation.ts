import type { CallbackRecord } from '../../core/webhook/callbackRecord';

/** The codicon of each kind of callback (https://code.visualstudio.com/api/references/icons-in-labels). */
const iconByKind: Record<string, string> = {
  'inbound-text': 'comment',
  'inbound-location': 'location',
  'inbound-media': 'file-media',
  'inbound-choice': 'checklist',
  'delivery-queued-on-channel': 'clock',
  'delivery-delivered': 'check',
  'delivery-read': 'eye',
  'delivery-failed': 'error',
  'delivery-switching-channel': 'arrow-swap',
  'opt-in': 'person-add',
  'opt-out': 'circle-slash',
  'contact-create': 'person',
  'video-play-complete': 'play-circle',
  unsupported: 'question',
  unknown: 'question',
  event: 'pulse',
};

export interface CallbackLook {
  icon: string;
  /** A theme colour id for the icon, for what needs attention. */
  color?: string;
}

export function callbackLook(record: CallbackRecord): CallbackLook {
  if (!record.accepted) return { icon: record.status === 401 ? 'shield' : 'warning', color: 'errorForeground' };
  const kind = record.details?.kind ?? 'unknown';
  const icon = iconByKind[kind] ?? (kind.startsWith('inbound') ? 'comment-discussion' : kind.startsWith('contact') ? 'person' : kind.startsWith('delivery') ? 'mail' : 'symbol-event');
  const color = kind === 'delivery-failed' ? 'errorForeground' : kind === 'opt-out' ? 'list.warningForeground' : undefined;
  return color ? { icon, color } : { icon };
}

/** "contact 01FH…" or "LINE U4623…", whichever the record names, for the contact filter. */
export function contactKey(record: CallbackRecord): string | undefined {
  return record.contactId ?? record.details?.identity;
}

export function mediaExpiry(record: CallbackRecord, now = Date.now()): { date: string; expired: boolean } | undefined {
  const at = record.details?.mediaExpiresAt;
  if (!at) return undefined;
  return { date: at.slice(0, 10), expired: Date.parse(at) < now };
}

/** The body pretty-printed, with an unsupported callback's inner LINE JSON shown parsed. */
export function prettyBody(record: CallbackRecord): string {
  let value: unknown;
  try {
    value = JSON.parse(record.rawBody);
  } catch {
    return record.rawBody;
  }
  const decoded = record.details?.decodedPayload;
  const unsupported = (value as { unsupported_callback?: { payload?: unknown } } | null)?.unsupported_callback;
  if (decoded !== undefined && unsupported && typeof unsupported === 'object') unsupported.payload = decoded;
  return JSON.stringify(value, null, 2);
}

/** What the read-only document of a record shows: a header of comments, then the JSON. */
export function callbackDocumentText(record: CallbackRecord): string {
  const lines = [
    `// ${record.summary}`,
    `// ${record.receivedAt}  ${record.method} ${record.path}  → ${record.status}${record.accepted ? '' : ` (${record.rejectReason})`}`,
    `// trigger ${record.trigger}${record.kindKeys.length ? ` (keys: ${record.kindKeys.join(', ')})` : ''}; signature ${record.signature}`,
  ];
  const expiry = mediaExpiry(record);
  if (expiry) lines.push(`// The media URL ${expiry.expired ? 'expired' : 'expires'} on ${expiry.date} (7 days after Sinch received it).`);
  if (record.forward) lines.push(`// forwarded to ${record.forward.url}: ${record.forward.status ?? record.forward.error}${record.forward.latencyMs !== undefined ? ` in ${record.forward.latencyMs} ms` : ''}`);
  if (record.details?.decodedPayload !== undefined) lines.push('// unsupported_callback.payload is LINE\'s own webhook body, a JSON string, shown parsed here.');
  for (const [name, value] of Object.entries(record.headers)) if (name.startsWith('x-sinch-') || name === 'content-type') lines.push(`// ${name}: ${value}`);
  return `${lines.join('\n')}\n${prettyBody(record)}\n`;
}
