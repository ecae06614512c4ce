/**
 * What was sent from the editor or the CLI, and what came back for it. The send feature adds entries; the webhook
 * listener attaches delivery reports and replies to them (by message_id, then by conversation), so the
 * sent-messages view can show "sent → queued on channel → replied" for each send. Plain data: it is kept in the
 * extension's storage across reloads and must never hold a secret or a token.
 */
export interface SentMessage {
  /** Local id of the entry (not the API's). */
  id: string;
  /** ISO time the request was made. */
  sentAt: string;
  environment: string;
  projectId: string;
  appId: string;
  region: string;
  /** URI (string) of the payload file that was sent, when it came from a file. */
  file?: string;
  /** One-line summary of the recipient ("contact 01EX…", "LINE U4623…"). */
  recipient: string;
  /** The resolved request: method, URL and body. Headers are not kept (they hold the token). */
  request: { method: string; url: string; body: unknown };
  /** The API's answer, when there was one. */
  response?: { status: number; body: unknown };
  /** message_id from the response, when accepted. */
  messageId?: string;
  acceptedTime?: string;
  /** A readable failure (API error, timeout, connection), when not accepted. */
  error?: string;
  /** Learned from the first callback that names them (a delivery report carries both). */
  conversationId?: string;
  contactId?: string;
  /** What happened after the send, oldest first. */
  events: TimelineEvent[];
}

export type TimelineKind = 'queued' | 'delivered' | 'read' | 'failed' | 'switching' | 'reply' | 'other';

export interface TimelineEvent {
  /** ISO time of the callback (its event_time or accepted_time, else when it was received). */
  at: string;
  kind: TimelineKind;
  /** One readable line: "Delivery FAILED: MEDIA_NOT_REACHABLE — …", "Reply: \"Text MO\"". */
  summary: string;
  /** Id of the stored callback record, to open it. */
  callbackId?: string;
  /** For a FAILED report: LINE's reason as the API gives it. */
  reason?: { code?: string; description?: string; sub_code?: string };
}

/** A bounded, newest-first list of sends with lookups for the listener. */
export class SentMessageLog {
  #entries: SentMessage[] = [];

  constructor(readonly limit = 200, entries: readonly SentMessage[] = []) {
    this.#entries = entries.filter(isSentMessage).slice(0, limit);
  }

  /** Newest first. */
  list(): readonly SentMessage[] {
    return this.#entries;
  }

  add(entry: SentMessage): void {
    this.#entries.unshift(entry);
    if (this.#entries.length > this.limit) this.#entries.length = this.limit;
  }

  get(id: string): SentMessage | undefined {
    return this.#entries.find((e) => e.id === id);
  }

  byMessageId(messageId: string): SentMessage | undefined {
    return this.#entries.find((e) => e.messageId === messageId);
  }

  /** The newest send in a conversation, or to a contact when the conversation is not known yet. */
  latestIn(conversationId: string | undefined, contactId: string | undefined): SentMessage | undefined {
    return (
      (conversationId ? this.#entries.find((e) => e.conversationId === conversationId) : undefined) ??
      (contactId ? this.#entries.find((e) => e.contactId === contactId) : undefined)
    );
  }

  /** Appends an event to a send; returns false when the entry is gone (evicted or cleared). */
  attach(id: string, event: TimelineEvent, learned: { conversationId?: string; contactId?: string } = {}): boolean {
    const entry = this.get(id);
    if (!entry) return false;
    entry.events.push(event);
    if (entry.events.length > 50) entry.events.splice(0, entry.events.length - 50);
    entry.conversationId ??= learned.conversationId;
    entry.contactId ??= learned.contactId;
    return true;
  }

  clear(): void {
    this.#entries = [];
  }

  toJSON(): SentMessage[] {
    return this.#entries;
  }
}

/** Guards what comes back from storage (an older version, or a hand-edited file, may hold anything). */
export function isSentMessage(value: unknown): value is SentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.sentAt === 'string' && typeof v.appId === 'string' && Array.isArray(v.events) && typeof v.request === 'object' && v.request !== null;
}
