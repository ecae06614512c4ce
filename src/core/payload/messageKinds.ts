/** The message types of a Conversation API `AppMessage`, exactly one of which a `message` holds. */
export const messageKinds = [
  'text_message',
  'media_message',
  'choice_message',
  'card_message',
  'carousel_message',
  'location_message',
  'list_message',
  'contact_info_message',
  'template_message',
] as const;

export type MessageKind = (typeof messageKinds)[number];

/** Kinds LINE draws natively; the others are transcoded by the Conversation API into text and buttons. */
export const nativeOnLine: ReadonlySet<MessageKind> = new Set([
  'text_message',
  'media_message',
  'choice_message',
  'card_message',
  'carousel_message',
  'location_message',
]);

export const messageKindLabels: Record<MessageKind, string> = {
  text_message: 'text message',
  media_message: 'media message',
  choice_message: 'choice message',
  card_message: 'card message',
  carousel_message: 'carousel message',
  location_message: 'location message',
  list_message: 'list message',
  contact_info_message: 'contact info message',
  template_message: 'template message',
};

export const choiceKinds = [
  'text_message',
  'url_message',
  'call_message',
  'location_message',
  'calendar_message',
  'share_location_message',
] as const;

export type ChoiceKind = (typeof choiceKinds)[number];

/** LINE has no action for these: the Conversation API cannot map them to a button on LINE. */
export const choiceKindsUnsupportedOnLine: ReadonlySet<ChoiceKind> = new Set(['calendar_message', 'share_location_message']);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message kinds present in a `message` object, in the order they appear. */
export function kindsIn(message: unknown): MessageKind[] {
  if (!isObject(message)) return [];
  return Object.keys(message).filter((k): k is MessageKind => (messageKinds as readonly string[]).includes(k));
}

export function choiceKindOf(choice: unknown): ChoiceKind | undefined {
  if (!isObject(choice)) return undefined;
  for (let i = 0; i < choiceKinds.length; i++) if (choiceKinds[i]! in choice) return choiceKinds[i];
  return undefined;
}
