/**
 * What LINE receives, as the renderer draws it: the Conversation API payload already mapped to LINE's message
 * objects (buttons template, carousel template, sticker…). Every part keeps the JSON pointer it came from, so
 * diagnostics can be placed on it and a click can reveal it in the editor.
 */

/** Where a part comes from. `inner` is a pointer inside the JSON string of `explicit_channel_message.LINE`. */
export interface Origin {
  pointer: string;
  inner?: string;
}

export interface TextPart extends Origin {
  value: string;
}

export type ActionKind = 'postback' | 'url' | 'call' | 'location' | 'unsupported';

export interface ButtonView extends Origin {
  label: TextPart | undefined;
  action: ActionKind;
  /** The URL, phone number or place behind the button, shown as a tooltip. */
  target?: string;
}

export type AspectRatio = 'rectangle' | 'square';

export interface ImageView extends Origin {
  url: string;
  aspect: AspectRatio;
  fit: 'cover' | 'contain';
}

/** LINE's buttons template: what a card, a choice message and each carousel column become. */
export interface TemplateView extends Origin {
  image?: ImageView;
  title?: TextPart;
  text?: TextPart;
  buttons: ButtonView[];
  /** Pointer of the buttons' array, where a "too many buttons" diagnostic lands. */
  buttonsPointer?: string;
  /** A confirm template puts its two buttons side by side. */
  buttonLayout: 'stack' | 'row';
}

/** One line of the text a transcoded message becomes; `style` only decides emphasis. */
export interface TranscodedLine extends TextPart {
  style: 'title' | 'heading' | 'body' | 'item';
}

export type MediaType = 'image' | 'video' | 'audio' | 'file';

export type BubbleView =
  | ({ kind: 'text'; text: TextPart } & Origin)
  | ({ kind: 'media'; media: MediaType; url: TextPart; preview?: TextPart; durationMs?: number } & Origin)
  | ({ kind: 'choice'; template: TemplateView } & Origin)
  | ({ kind: 'card'; template: TemplateView } & Origin)
  | ({ kind: 'carousel'; columns: TemplateView[]; columnsPointer?: string; quickReplies: ButtonView[] } & Origin)
  | ({ kind: 'location'; title?: TextPart; address?: TextPart; latitude?: number; longitude?: number } & Origin)
  | ({ kind: 'sticker'; packageId: string; stickerId: string } & Origin)
  | ({ kind: 'transcoded'; from: string; lines: TranscodedLine[]; note: string } & Origin)
  | ({ kind: 'other'; title: string; detail: string } & Origin);

export type BubbleKind = BubbleView['kind'];

/** A centred grey pill between messages, as LINE shows dates and system notes. */
export interface SystemNote {
  text: string;
}

export interface ChatView {
  /** In the order LINE shows them, top to bottom. */
  items: Array<BubbleView | SystemNote>;
  /** Why nothing can be drawn, when that is the case. */
  empty?: string;
}

export function isBubble(item: BubbleView | SystemNote): item is BubbleView {
  return 'kind' in item;
}

export function addressOf(origin: Origin): string {
  return origin.inner === undefined ? origin.pointer : `${origin.pointer}#${origin.inner}`;
}
