import type { Severity } from '../diagnostic';
import { childPointer } from '../json/pointer';
import type { CardPart, PayloadAnatomy } from '../payload/anatomy';
import { isObject } from '../payload/messageKinds';
import type { CountUnit } from './textLength';

/** Limits of the LINE channel: the Sinch LINE page first, LINE's Messaging API reference where the page is silent. */
export const lineLimits = {
  cardTitle: 40,
  cardDescription: 60,
  choiceText: 160,
  textMessage: 5000,
  buttonLabel: 20,
  postbackData: 300,
  locationTitle: 100,
  locationAddress: 100,
  mediaUrl: 2000,
  channelPropertyValue: 1024,
  videoTrackingId: 100,
  choiceButtons: 4,
  cardButtons: 4,
  carouselCardButtons: 3,
  carouselCards: 10,
  /** Outer choices of a carousel: the Conversation API's own limit (OpenAPI CarouselMessage.choices). */
  carouselChoices: 3,
  explicitMessages: 5,
} as const;

/** A string whose length LINE limits, found in a payload: rules report it, hovers and inlay hints count it. */
export interface LimitedString {
  pointer: string;
  value: string;
  limit: number;
  /** What the user calls it: "Card title", "Carousel card 3 description"… */
  label: string;
  code: string;
  /** How bad it is to exceed the limit: LINE refuses (error) or may cut it (warning). */
  severity: Severity;
  /** Say why beyond the number, when LINE's behaviour is not a plain refusal. */
  note?: string;
  /** How LINE counts this property's characters (textLength.ts). */
  unit: CountUnit;
}

type Entry = Omit<LimitedString, 'pointer' | 'value'>;

// Built once: limitedStrings runs for every file the CLI checks, mostly before V8 has optimized it.
const textEntry: Entry = { limit: lineLimits.textMessage, label: 'Text', code: 'text.too-long', severity: 'error', unit: 'utf16' };
// Becomes the text of a LINE buttons template.
const choiceTextEntry: Entry = { limit: lineLimits.choiceText, label: 'Choice text', code: 'choice.text.too-long', severity: 'error', unit: 'grapheme' };
// The title and text of a LINE buttons (or carousel) template: counted in grapheme clusters.
const cardTitleEntry: Entry = { limit: lineLimits.cardTitle, label: 'title', code: 'card.title.too-long', severity: 'error', unit: 'grapheme' };
const cardDescriptionEntry: Entry = { limit: lineLimits.cardDescription, label: 'description', code: 'card.description.too-long', severity: 'error', unit: 'grapheme' };
const locationTitleEntry: Entry = { limit: lineLimits.locationTitle, label: 'Location title', code: 'location.title.too-long', severity: 'error', unit: 'utf16' };
const locationLabelEntry: Entry = { limit: lineLimits.locationAddress, label: 'Location label (LINE address)', code: 'location.label.too-long', severity: 'error', unit: 'utf16' };
const postbackEntry: Entry = { limit: lineLimits.postbackData, label: 'Postback data', code: 'choice.postback.too-long', severity: 'error', unit: 'utf16' };

/** `overLimitOnly`: only the strings whose UTF-16 length is over their limit (all that the length rules look at). */
export function limitedStrings(payload: unknown, anatomy: PayloadAnatomy, options: { overLimitOnly?: boolean } = {}): LimitedString[] {
  const found: LimitedString[] = [];
  // No count is above the UTF-16 length: a string within it is within its limit however it is counted.
  const all = options.overLimitOnly !== true;
  const message = anatomy.message;
  if (message) {
    add(found, all, message.text_message, '/message/text_message', 'text', textEntry);
    if (isObject(message.choice_message)) add(found, all, message.choice_message.text_message, '/message/choice_message/text_message', 'text', choiceTextEntry);
    add(found, all, message.location_message, '/message/location_message', 'title', locationTitleEntry);
    add(found, all, message.location_message, '/message/location_message', 'label', locationLabelEntry);
  }
  const { cards, choices, media } = anatomy;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    addCardString(found, all, card, 'title', cardTitleEntry);
    addCardString(found, all, card, 'description', cardDescriptionEntry);
  }
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i]!;
    if (choice.label && (all || choice.label.value.length > lineLimits.buttonLabel)) {
      found.push({
        unit: 'grapheme',
        pointer: choice.label.pointer,
        value: choice.label.value,
        limit: lineLimits.buttonLabel,
        label: 'Button label',
        code: 'button.label.long',
        severity: 'warning',
        note: 'LINE limits action labels to 20 characters and may cut or refuse a longer one',
      });
    }
    add(found, all, choice.choice, choice.pointer, 'postback_data', postbackEntry);
  }
  for (let i = 0; i < media.length; i++) {
    const ref = media[i]!;
    if (all || ref.url.length > lineLimits.mediaUrl) found.push({ pointer: ref.pointer, value: ref.url, limit: lineLimits.mediaUrl, label: 'Media URL', code: 'media.url.too-long', severity: 'error', unit: 'utf16' });
  }
  if (isObject(payload) && isObject(payload.channel_properties)) {
    for (const [key, value] of Object.entries(payload.channel_properties)) {
      if (typeof value !== 'string' || !(all || value.length > lineLimits.channelPropertyValue)) continue;
      const pointer = childPointer('/channel_properties', key);
      found.push({ pointer, value, limit: lineLimits.channelPropertyValue, label: `Channel property ${key}`, code: 'channel-property.too-long', severity: 'error', unit: 'utf16' });
    }
  }
  return found;
}

function add(found: LimitedString[], all: boolean, container: unknown, pointer: string, key: string, entry: Entry): void {
  if (!isObject(container)) return;
  const value = container[key];
  if (typeof value !== 'string' || !(all || value.length > entry.limit)) return;
  found.push({ pointer: childPointer(pointer, key), value, limit: entry.limit, label: entry.label, code: entry.code, severity: entry.severity, unit: entry.unit });
}

/** A card's string, labelled with the card's name ("Card title", "Carousel card 3 description"), made only when found. */
function addCardString(found: LimitedString[], all: boolean, card: CardPart, key: string, entry: Entry): void {
  const value = card.card[key];
  if (typeof value !== 'string' || !(all || value.length > entry.limit)) return;
  const owner = card.carouselIndex === undefined ? 'Card' : `Carousel card ${card.carouselIndex + 1}`;
  found.push({ pointer: childPointer(card.pointer, key), value, limit: entry.limit, label: `${owner} ${entry.label}`, code: entry.code, severity: entry.severity, unit: entry.unit });
}
