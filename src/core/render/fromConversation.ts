import { childPointer } from '../json/pointer';
import { mediaFormatOf } from '../payload/mediaFormat';
import { type MessageKind, choiceKindOf, isObject, kindsIn, messageKindLabels, nativeOnLine } from '../payload/messageKinds';
import { explicitLineBubbles } from './fromExplicitLine';
import type { BubbleView, ButtonView, ChatView, MediaType, TemplateView, TextPart } from './lineView';
import { transcodedBubble } from './transcoded';

const message = '/message';

/** Maps a `messages:send` body to what LINE receives, following the Sinch LINE channel page. Never throws. */
export function lineViewOf(payload: unknown): ChatView {
  if (!isObject(payload)) return { items: [], empty: 'The payload is not a JSON object, so there is no message to show.' };
  if (!isObject(payload.message)) return { items: [], empty: 'The payload has no "message" object, so there is nothing to show.' };
  const msg = payload.message;
  const kinds = kindsIn(msg);
  const items: ChatView['items'] = [];

  const explicit = isObject(msg.explicit_channel_message) ? msg.explicit_channel_message.LINE : undefined;
  if (typeof explicit === 'string') {
    if (kinds.length > 0) {
      const names = kinds.map((k) => messageKindLabels[k]).join(' and ');
      items.push({ text: `explicit_channel_message.LINE replaces the ${names} on LINE` });
    }
    items.push(...explicitLineBubbles(explicit, childPointer(childPointer(message, 'explicit_channel_message'), 'LINE')));
  } else {
    for (const kind of kinds) items.push(bubbleOf(kind, msg[kind]));
  }

  const notification = isObject(msg.channel_specific_message) ? msg.channel_specific_message.LINE : undefined;
  if (notification !== undefined) items.push(notificationBubble(notification));

  if (items.length === 0) return { items, empty: 'The message has no content that LINE can show.' };
  return { items };
}

function bubbleOf(kind: MessageKind, value: unknown): BubbleView {
  const pointer = childPointer(message, kind);
  const body = isObject(value) ? value : {};
  if (!nativeOnLine.has(kind)) return transcodedBubble(kind, body, pointer);
  switch (kind) {
    case 'text_message':
      return { kind: 'text', pointer, text: textAt(body, pointer, 'text') ?? { pointer: childPointer(pointer, 'text'), value: '' } };
    case 'media_message':
      return mediaBubble(body, pointer);
    case 'choice_message': {
      const textMessage = isObject(body.text_message) ? body.text_message : {};
      const template: TemplateView = {
        pointer,
        buttons: buttonsOf(body.choices, childPointer(pointer, 'choices')),
        buttonsPointer: childPointer(pointer, 'choices'),
        buttonLayout: 'stack',
      };
      const text = textAt(textMessage, childPointer(pointer, 'text_message'), 'text');
      if (text) template.text = text;
      return { kind: 'choice', pointer, template };
    }
    case 'card_message':
      return { kind: 'card', pointer, template: cardTemplate(body, pointer) };
    case 'carousel_message': {
      const cardsPointer = childPointer(pointer, 'cards');
      const cards = Array.isArray(body.cards) ? body.cards : [];
      return {
        kind: 'carousel',
        pointer,
        columns: cards.map((card, i) => cardTemplate(isObject(card) ? card : {}, childPointer(cardsPointer, i))),
        columnsPointer: cardsPointer,
        quickReplies: buttonsOf(body.choices, childPointer(pointer, 'choices')),
      };
    }
    case 'location_message':
    default: {
      const coordinates = isObject(body.coordinates) ? body.coordinates : {};
      const bubble: BubbleView = { kind: 'location', pointer };
      const title = textAt(body, pointer, 'title');
      const address = textAt(body, pointer, 'label');
      if (title) bubble.title = title;
      if (address) bubble.address = address;
      if (typeof coordinates.latitude === 'number') bubble.latitude = coordinates.latitude;
      if (typeof coordinates.longitude === 'number') bubble.longitude = coordinates.longitude;
      return bubble;
    }
  }
}

function cardTemplate(card: Record<string, unknown>, pointer: string): TemplateView {
  const template: TemplateView = {
    pointer,
    buttons: buttonsOf(card.choices, childPointer(pointer, 'choices')),
    buttonsPointer: childPointer(pointer, 'choices'),
    buttonLayout: 'stack',
  };
  if (isObject(card.media_message)) {
    const mediaPointer = childPointer(pointer, 'media_message');
    const url = typeof card.media_message.url === 'string' ? card.media_message.url : '';
    // The Conversation API has no aspect-ratio field: LINE's default, rectangle, is what a card gets.
    template.image = { pointer: mediaPointer, url, aspect: 'rectangle', fit: 'cover' };
  }
  const title = textAt(card, pointer, 'title');
  const text = textAt(card, pointer, 'description');
  if (title) template.title = title;
  if (text) template.text = text;
  return template;
}

function mediaBubble(body: Record<string, unknown>, pointer: string): BubbleView {
  const url = textAt(body, pointer, 'url') ?? { pointer: childPointer(pointer, 'url'), value: '' };
  const category = mediaFormatOf(url.value).category;
  // An extension-less URL is usually an image service; LINE goes by the file's Content-Type.
  const media: MediaType = category === 'video' ? 'video' : category === 'audio' ? 'audio' : category === 'other' ? 'file' : 'image';
  const bubble: BubbleView = { kind: 'media', pointer, media, url };
  const thumbnail = textAt(body, pointer, 'thumbnail_url');
  if (media === 'video' && thumbnail) bubble.preview = thumbnail;
  return bubble;
}

export function buttonsOf(choices: unknown, listPointer: string): ButtonView[] {
  if (!Array.isArray(choices)) return [];
  return choices.map((choice, i) => buttonOf(choice, childPointer(listPointer, i)));
}

function buttonOf(choice: unknown, pointer: string): ButtonView {
  const kind = choiceKindOf(choice);
  if (!isObject(choice) || !kind) return { pointer, label: undefined, action: 'unsupported' };
  const actionPointer = childPointer(pointer, kind);
  const action = isObject(choice[kind]) ? choice[kind] : {};
  const label = textAt(action, actionPointer, kind === 'text_message' ? 'text' : 'title');
  const button: ButtonView = { pointer, label, action: 'unsupported' };
  switch (kind) {
    case 'text_message':
      button.action = 'postback';
      if (typeof choice.postback_data === 'string') button.target = `postback: ${choice.postback_data}`;
      break;
    case 'url_message':
      button.action = 'url';
      if (typeof action.url === 'string') button.target = action.url;
      break;
    case 'call_message':
      button.action = 'call';
      if (typeof action.phone_number === 'string') button.target = action.phone_number;
      break;
    case 'location_message': {
      button.action = 'location';
      const c = isObject(action.coordinates) ? action.coordinates : {};
      if (typeof c.latitude === 'number' && typeof c.longitude === 'number') button.target = `${c.latitude}, ${c.longitude}`;
      break;
    }
    default:
      button.target = `${kind}: LINE has no such button`;
  }
  return button;
}

export function textAt(container: Record<string, unknown>, pointer: string, key: string): TextPart | undefined {
  const value = container[key];
  return typeof value === 'string' ? { pointer: childPointer(pointer, key), value } : undefined;
}

function notificationBubble(notification: unknown): BubbleView {
  const pointer = '/message/channel_specific_message/LINE';
  const body = isObject(notification) && isObject(notification.message) ? notification.message : {};
  const key = typeof body.template_key === 'string' ? body.template_key : '(no template_key)';
  return {
    kind: 'other',
    pointer,
    title: `LINE notification message · template ${key}`,
    detail: 'LINE draws an approved notification template with these values; its layout is not previewed here.',
  };
}
