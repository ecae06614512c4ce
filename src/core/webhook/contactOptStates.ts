import type { CallbackRecord } from './callbackRecord';

export interface OptOut {
  /** ISO time of the opt-out callback. */
  at: string;
  callbackId: string;
  contactId?: string;
  identity?: string;
}

/**
 * Who opted out and has not opted in since. The Conversation API answers a send to a contact who blocked the bot
 * as if it went out, so the sender asks here first. Keyed by contact id and by channel identity (either may be all
 * the send knows). Bounded: the oldest entries are forgotten first.
 */
export class ContactOptStates {
  readonly #optedOut = new Map<string, OptOut>();

  constructor(readonly capacity = 5000, saved: readonly OptOut[] = []) {
    for (const entry of saved) if (entry && typeof entry.at === 'string' && typeof entry.callbackId === 'string') this.#set(entry);
  }

  /** Updates from an accepted opt-in or opt-out record, in arrival order; other records are ignored. */
  observe(record: CallbackRecord): boolean {
    const kind = record.details?.kind;
    if (!record.accepted || (kind !== 'opt-in' && kind !== 'opt-out')) return false;
    if (/FAILED/.test(record.summary)) return false;
    const contactId = record.contactId;
    const identity = record.details?.identity;
    if (kind === 'opt-in') {
      for (const key of [contactId, identity]) {
        const entry = key ? this.#optedOut.get(key) : undefined;
        if (entry) this.#delete(entry);
      }
      return true;
    }
    this.#set({ at: record.details?.eventTime ?? record.receivedAt, callbackId: record.id, contactId, identity });
    return true;
  }

  optedOut(contactId: string | undefined, identity: string | undefined): OptOut | undefined {
    return (contactId ? this.#optedOut.get(contactId) : undefined) ?? (identity ? this.#optedOut.get(identity) : undefined);
  }

  list(): OptOut[] {
    return [...new Set(this.#optedOut.values())];
  }

  clear(): void {
    this.#optedOut.clear();
  }

  #set(entry: OptOut): void {
    for (const key of [entry.contactId, entry.identity]) {
      if (!key) continue;
      const old = this.#optedOut.get(key);
      if (old) this.#delete(old);
      this.#optedOut.set(key, entry);
    }
    while (this.#optedOut.size > this.capacity * 2) {
      const oldest = this.#optedOut.values().next().value as OptOut;
      this.#delete(oldest);
    }
  }

  #delete(entry: OptOut): void {
    for (const key of [entry.contactId, entry.identity]) if (key && this.#optedOut.get(key) === entry) this.#optedOut.delete(key);
  }
}
