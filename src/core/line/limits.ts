import type { Severity } from '../diagnostic';
import { childPointer } from '../json/pointer';
import type { PayloadAnatomy } from '../payload/anatomy';
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

/** `overLimitOnly`: only the strings whose UTF-16 length is over their limit (all that the length rules look at). */
export function limitedStrings(payload: unknown, anatomy: PayloadAnatomy, options: { overLimitOnly?: boolean } = {}): LimitedString[] {
  const found: LimitedString[] = [];
  // No count is above the UTF-16 length: a string within it is within its limit however it is counted.
  const wanted = options.overLimitOnly ? (value: string, limit: number) => value.length > limit : () => true;
  const add = (container: unknown, pointer: string, key: string, entry: Omit<LimitedString, 'pointer' | 'value'>) => {
    if (!isObject(container)) return;
    const value = container[key];
    if (typeof value === 'string' && wanted(value, entry.limit)) {
      found.push({ pointer: childPointer(pointer, key), value, limit: entry.limit, label: entry.label, code: entry.code, severity: entry.severity, unit: entry.unit });
    }
  };
  const message = anatomy.message;
  if (message) {
    add(message.text_message, '/message/text_message', 'text', { limit: lineLimits.textMessage, label: 'Text', code: 'text.too-long', severity: 'error', unit: 'utf16' });
    if (isObject(message.choice_message)) {
      add(message.choice_message.text_message, '/message/choice_message/text_message', 'text', {
        // Becomes the text of a LINE buttons template.
        limit: lineLimits.choiceText, label: 'Choice text', code: 'choice.text.too-long', severity: 'error', unit: 'grapheme',
      });
    }
    addLocation(found, message.location_message, '/message/location_message', wanted);
  }
  for (const card of anatomy.cards) {
    const label = card.carouselIndex === undefined ? 'Card' : `Carousel card ${card.carouselIndex + 1}`;
    // The title and text of a LINE buttons (or carousel) template: counted in grapheme clusters.
    add(card.card, card.pointer, 'title', { limit: lineLimits.cardTitle, label: `${label} title`, code: 'card.title.too-long', severity: 'error', unit: 'grapheme' });
    add(card.card, card.pointer, 'description', { limit: lineLimits.cardDescription, label: `${label} description`, code: 'card.description.too-long', severity: 'error', unit: 'grapheme' });
  }
  for (const choice of anatomy.choices) {
    if (choice.label && wanted(choice.label.value, lineLimits.buttonLabel)) {
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
    add(choice.choice, choice.pointer, 'postback_data', { limit: lineLimits.postbackData, label: 'Postback data', code: 'choice.postback.too-long', severity: 'error', unit: 'utf16' });
  }
  for (const media of anatomy.media) {
    if (wanted(media.url, lineLimits.mediaUrl)) found.push({ pointer: media.pointer, value: media.url, limit: lineLimits.mediaUrl, label: 'Media URL', code: 'media.url.too-long', severity: 'error', unit: 'utf16' });
  }
  if (isObject(payload) && isObject(payload.channel_properties)) {
    for (const [key, value] of Object.entries(payload.channel_properties)) {
      if (typeof value !== 'string' || !wanted(value, lineLimits.channelPropertyValue)) continue;
      const pointer = childPointer('/channel_properties', key);
      found.push({ pointer, value, limit: lineLimits.channelPropertyValue, label: `Channel property ${key}`, code: 'channel-property.too-long', severity: 'error', unit: 'utf16' });
    }
  }
  return found;
}

function addLocation(found: LimitedString[], location: unknown, pointer: string, wanted: (value: string, limit: number) => boolean) {
  if (!isObject(location)) return;
  if (typeof location.title === 'string' && wanted(location.title, lineLimits.locationTitle)) {
    found.push({ pointer: childPointer(pointer, 'title'), value: location.title, limit: lineLimits.locationTitle, label: 'Location title', code: 'location.title.too-long', severity: 'error', unit: 'utf16' });
  }
  if (typeof location.label === 'string' && wanted(location.label, lineLimits.locationAddress)) {
    found.push({ pointer: childPointer(pointer, 'label'), value: location.label, limit: lineLimits.locationAddress, label: 'Location label (LINE address)', code: 'location.label.too-long', severity: 'error', unit: 'utf16' });
  }
}
