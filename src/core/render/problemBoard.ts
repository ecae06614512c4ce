import type { Diagnostic } from '../diagnostic';
import { type ChatView, type Origin, type TemplateView, addressOf, isBubble } from './lineView';

/**
 * Places each diagnostic on the deepest drawn part whose address is a prefix of the diagnostic's, so a
 * `/message/card_message/media_message/url` problem marks the card's image and a `/recipient` problem, which has
 * no part in the chat, stays "unplaced" for the list beside the chat. Each diagnostic is shown once.
 */
export class ProblemBoard {
  readonly #placed = new Map<string, Diagnostic[]>();
  readonly #taken = new Set<Diagnostic>();
  readonly #all: readonly Diagnostic[];
  /** The smallest limit reported per pointer: looked up once per drawn text, so indexed, not searched. */
  readonly #limits = new Map<string, number>();
  /** Pointers whose limit LINE counts in grapheme clusters (textLength.ts). */
  readonly #graphemeCounted = new Set<string>();

  constructor(diagnostics: readonly Diagnostic[], view: ChatView) {
    this.#all = diagnostics;
    const addresses = new Set(addressesIn(view));
    for (const d of diagnostics) {
      const at = deepestDrawn(addressOfDiagnostic(d), addresses);
      if (at !== undefined) {
        const list = this.#placed.get(at);
        if (list) list.push(d);
        else this.#placed.set(at, [d]);
      }
      const limit = d.data?.lineAccepts === true ? undefined : d.data?.limit;
      if (typeof limit === 'number') this.#limits.set(d.pointer, Math.min(limit, this.#limits.get(d.pointer) ?? Infinity));
      if (d.data?.unit === 'grapheme') this.#graphemeCounted.add(d.pointer);
    }
  }

  /** The diagnostics placed on this part, handed out once. */
  take(origin: Origin): Diagnostic[] {
    const address = addressOf(origin);
    const found = this.#placed.get(address) ?? [];
    this.#placed.delete(address);
    for (const d of found) this.#taken.add(d);
    return found;
  }

  /** The limit a diagnostic reports for exactly this value (a too-long text, a too-long list), if any. */
  limitAt(origin: Origin): number | undefined {
    if (origin.inner !== undefined) return undefined;
    return this.#limits.get(origin.pointer);
  }

  /** How the limit at this value counts characters. */
  unitAt(origin: Origin): 'utf16' | 'grapheme' {
    return origin.inner === undefined && this.#graphemeCounted.has(origin.pointer) ? 'grapheme' : 'utf16';
  }

  /** Diagnostics with no part in the chat, plus any whose part was not drawn after all. */
  remaining(): Diagnostic[] {
    return this.#all.filter((d) => !this.#taken.has(d));
  }
}

function addressOfDiagnostic(d: Diagnostic): string {
  const inner = d.data?.innerPointer;
  return typeof inner === 'string' ? `${d.pointer}#${inner}` : d.pointer;
}

function deepestDrawn(address: string, drawn: ReadonlySet<string>): string | undefined {
  let at = address;
  for (;;) {
    if (drawn.has(at)) return at;
    if (at === '') return undefined;
    at = at.slice(0, Math.max(at.lastIndexOf('/'), at.lastIndexOf('#')));
    if (at.endsWith('#')) at = at.slice(0, -1);
  }
}

function addressesIn(view: ChatView): string[] {
  const found: string[] = [];
  const template = (t: TemplateView) => {
    found.push(addressOf(t));
    for (const part of [t.image, t.title, t.text, ...t.buttons]) if (part) found.push(addressOf(part));
  };
  for (const item of view.items) {
    if (!isBubble(item)) continue;
    found.push(addressOf(item));
    if (item.kind === 'card' || item.kind === 'choice') template(item.template);
    if (item.kind === 'carousel') {
      item.columns.forEach(template);
      for (const b of item.quickReplies) found.push(addressOf(b));
    }
  }
  return found;
}
