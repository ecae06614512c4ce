import type { CallbackRecord } from './callbackRecord';

export const defaultCallbackLimit = 1000;

/** A bounded, newest-first list of callback records; the oldest fall off when it is full. */
export class CallbackStore {
  #records: CallbackRecord[] = [];
  #limit: number;

  constructor(limit = defaultCallbackLimit, records: readonly unknown[] = []) {
    this.#limit = Math.max(1, Math.floor(limit));
    this.#records = records.filter(isCallbackRecord).slice(0, this.#limit);
  }

  get limit(): number {
    return this.#limit;
  }

  set limit(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
    if (this.#records.length > this.#limit) this.#records.length = this.#limit;
  }

  /** Newest first. */
  list(): readonly CallbackRecord[] {
    return this.#records;
  }

  get size(): number {
    return this.#records.length;
  }

  add(record: CallbackRecord): void {
    this.#records.unshift(record);
    if (this.#records.length > this.#limit) this.#records.length = this.#limit;
  }

  /** Adds a record older than all it holds (history loaded after live records arrived); false when full. */
  appendOlder(record: CallbackRecord): boolean {
    if (this.#records.length >= this.#limit || this.get(record.id)) return false;
    this.#records.push(record);
    return true;
  }

  get(id: string): CallbackRecord | undefined {
    return this.#records.find((r) => r.id === id);
  }

  clear(): void {
    this.#records = [];
  }

  toJSON(): CallbackRecord[] {
    return this.#records;
  }
}

/** Guards what comes back from storage (an older version, or a hand-edited file, may hold anything). */
export function isCallbackRecord(value: unknown): value is CallbackRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.receivedAt === 'string' &&
    typeof v.rawBody === 'string' &&
    typeof v.status === 'number' &&
    typeof v.summary === 'string' &&
    typeof v.trigger === 'string' &&
    Array.isArray(v.kindKeys) &&
    typeof v.headers === 'object' &&
    v.headers !== null
  );
}
