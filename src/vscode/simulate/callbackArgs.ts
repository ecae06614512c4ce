import type { CallbackRecord } from '../../core/webhook/callbackRecord';

/** A CallbackRecord, or a callbacks-view tree item carrying one in `record`. */
export function recordOf(arg: unknown): CallbackRecord | undefined {
  const candidate = typeof arg === 'object' && arg !== null && 'record' in arg ? (arg as { record: unknown }).record : arg;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const r = candidate as Partial<CallbackRecord>;
  return typeof r.rawBody === 'string' && typeof r.id === 'string' ? (candidate as CallbackRecord) : undefined;
}

/** Arguments that skip the questions (tests, other commands). `secret: null` sends unsigned. */
export interface SendSampleArgs {
  kind?: string;
  /** A handler URL, or 'listener' for the running listener (no question asked). */
  url?: string;
  secret?: string | null;
  appId?: string;
  contactId?: string;
  /** Open the sample as a *.callback.json to edit first instead of sending it. */
  edit?: boolean;
}

export function sampleArgsOf(arg: unknown, more?: unknown): SendSampleArgs {
  const record = recordOf(arg);
  if (record) return { appId: record.appId, contactId: record.contactId, ...(more === undefined ? {} : defined(sampleArgsOf(more))) };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const text = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  return {
    kind: text('kind'),
    url: text('url'),
    secret: a.secret === null ? null : text('secret'),
    appId: text('appId'),
    contactId: text('contactId'),
    edit: typeof a.edit === 'boolean' ? a.edit : undefined,
  };
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
