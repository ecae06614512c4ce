import { childPointer } from '../json/pointer';
import { type ChoiceKind, type MessageKind, choiceKindOf, isObject, kindsIn } from './messageKinds';

/**
 * The parts of a `messages:send` body that rules, fixes, the renderer and media pre-flight all need, each with its
 * JSON pointer. Built once per check from the parsed value, tolerant of any shape (a wrong type is skipped here
 * and reported by the schema).
 */
export interface PayloadAnatomy {
  /** `message` when it is an object. */
  message: Record<string, unknown> | undefined;
  /** Kinds present in `message`, in text order; more than one is an error, none too. */
  kinds: MessageKind[];
  cards: CardPart[];
  choices: ChoicePart[];
  media: MediaRef[];
}

export interface CardPart {
  pointer: string;
  card: Record<string, unknown>;
  /** Index within the carousel, or undefined for a card message. */
  carouselIndex: number | undefined;
}

export interface ChoicePart {
  pointer: string;
  choice: Record<string, unknown>;
  kind: ChoiceKind | undefined;
  /** Pointer of the `choices` array holding it. */
  listPointer: string;
  index: number;
  /**
   * The visible button text: `text_message.text` or the action's `title`. Its pointer is a getter, made on demand:
   * a copy by spreading or JSON would lose it.
   */
  label: { readonly pointer: string; readonly value: string } | undefined;
  container: 'choice' | 'card' | 'carousel-card' | 'carousel';
}

/** Where a media URL sits decides what LINE needs of the file behind it. */
export type MediaRole = 'media' | 'thumbnail' | 'card-image';

export interface MediaRef {
  /** Pointer of the URL string. */
  pointer: string;
  url: string;
  role: MediaRole;
  /** Pointer of the `media_message` object holding the URL. */
  ownerPointer: string;
}

export function anatomize(payload: unknown): PayloadAnatomy {
  const anatomy: PayloadAnatomy = { message: undefined, kinds: [], cards: [], choices: [], media: [] };
  if (!isObject(payload) || !isObject(payload.message)) return anatomy;
  const message = payload.message;
  anatomy.message = message;
  anatomy.kinds = kindsIn(message);
  const at = '/message';

  if (isObject(message.media_message)) {
    collectMediaMessage(anatomy, message.media_message, childPointer(at, 'media_message'), 'media');
  }
  if (isObject(message.choice_message)) {
    const p = childPointer(at, 'choice_message');
    collectChoices(anatomy, message.choice_message.choices, childPointer(p, 'choices'), 'choice');
  }
  if (isObject(message.card_message)) {
    collectCard(anatomy, message.card_message, childPointer(at, 'card_message'), undefined);
  }
  if (isObject(message.carousel_message)) {
    const p = childPointer(at, 'carousel_message');
    const cards = message.carousel_message.cards;
    if (Array.isArray(cards)) {
      const cardsPointer = childPointer(p, 'cards');
      // Plain loops here and below: this runs for every file a CLI run checks, mostly before V8 has optimized it,
      // and a callback per element costs more than the work it does.
      for (let i = 0; i < cards.length; i++) {
        const card: unknown = cards[i];
        if (isObject(card)) collectCard(anatomy, card, `${cardsPointer}/${i}`, i);
      }
    }
    collectChoices(anatomy, message.carousel_message.choices, childPointer(p, 'choices'), 'carousel');
  }
  return anatomy;
}

function collectCard(anatomy: PayloadAnatomy, card: Record<string, unknown>, pointer: string, carouselIndex: number | undefined) {
  anatomy.cards.push({ pointer, card, carouselIndex });
  if (isObject(card.media_message)) {
    collectMediaMessage(anatomy, card.media_message, childPointer(pointer, 'media_message'), 'card-image');
  }
  collectChoices(anatomy, card.choices, childPointer(pointer, 'choices'), carouselIndex === undefined ? 'card' : 'carousel-card');
}

function collectMediaMessage(anatomy: PayloadAnatomy, media: Record<string, unknown>, pointer: string, role: MediaRole) {
  if (typeof media.url === 'string') {
    anatomy.media.push({ pointer: childPointer(pointer, 'url'), url: media.url, role, ownerPointer: pointer });
  }
  // A card's thumbnail_url is not used by LINE's buttons template; only a media message's video needs one.
  if (role === 'media' && typeof media.thumbnail_url === 'string' && media.thumbnail_url !== '') {
    anatomy.media.push({ pointer: childPointer(pointer, 'thumbnail_url'), url: media.thumbnail_url, role: 'thumbnail', ownerPointer: pointer });
  }
}

function collectChoices(anatomy: PayloadAnatomy, choices: unknown, listPointer: string, container: ChoicePart['container']) {
  if (!Array.isArray(choices)) return;
  for (let index = 0; index < choices.length; index++) {
    const choice: unknown = choices[index];
    if (!isObject(choice)) continue;
    const pointer = `${listPointer}/${index}`;
    const kind = choiceKindOf(choice);
    anatomy.choices.push({ pointer, choice, kind, listPointer, index, label: labelOf(choice, kind, pointer), container });
  }
}

function labelOf(choice: Record<string, unknown>, kind: ChoiceKind | undefined, pointer: string): ChoicePart['label'] {
  if (!kind) return undefined;
  const action = choice[kind];
  if (!isObject(action)) return undefined;
  const field = kind === 'text_message' ? 'text' : 'title';
  const value = action[field];
  return typeof value === 'string' ? new ChoiceLabel(pointer, kind, field, value) : undefined;
}

/** Its pointer is made only when asked for (a finding about the label): most labels never need one. */
class ChoiceLabel {
  constructor(
    private readonly choicePointer: string,
    private readonly kind: ChoiceKind,
    private readonly field: string,
    readonly value: string,
  ) {}

  get pointer(): string {
    return `${this.choicePointer}/${this.kind}/${this.field}`;
  }
}
