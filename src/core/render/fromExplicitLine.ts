import { childPointer } from '../json/pointer';
import { isObject } from '../payload/messageKinds';
import type { ActionKind, AspectRatio, BubbleView, ButtonView, Origin, TemplateView, TextPart } from './lineView';

/**
 * `explicit_channel_message.LINE` holds LINE's own message objects as a JSON string; LINE receives them as
 * written. Parts point at the string (`pointer`) and at the value inside it (`inner`).
 */
export function explicitLineBubbles(json: string, pointer: string): BubbleView[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [{ kind: 'other', pointer, title: 'explicit_channel_message.LINE', detail: 'Not valid JSON: LINE would refuse it.' }];
  }
  const messages = isObject(parsed) ? parsed.messages : undefined;
  if (!Array.isArray(messages) || messages.length === 0) {
    return [{ kind: 'other', pointer, title: 'explicit_channel_message.LINE', detail: 'Holds no "messages" array: LINE gets nothing to show.' }];
  }
  return messages.map((m, i) => explicitBubble(isObject(m) ? m : {}, { pointer, inner: `/messages/${i}` }));
}

function explicitBubble(m: Record<string, unknown>, at: Required<Origin>): BubbleView {
  const text = (container: Record<string, unknown>, base: string, key: string): TextPart | undefined => {
    const value = container[key];
    return typeof value === 'string' ? { pointer: at.pointer, inner: childPointer(base, key), value } : undefined;
  };
  const none = (key: string): TextPart => ({ pointer: at.pointer, inner: childPointer(at.inner, key), value: '' });
  switch (m.type) {
    case 'sticker':
      return { kind: 'sticker', ...at, packageId: idOf(m.packageId), stickerId: idOf(m.stickerId) };
    case 'text':
      return { kind: 'text', ...at, text: text(m, at.inner, 'text') ?? none('text') };
    case 'image':
      return { kind: 'media', ...at, media: 'image', url: text(m, at.inner, 'previewImageUrl') ?? text(m, at.inner, 'originalContentUrl') ?? none('previewImageUrl') };
    case 'video': {
      const bubble: BubbleView = { kind: 'media', ...at, media: 'video', url: text(m, at.inner, 'originalContentUrl') ?? none('originalContentUrl') };
      const preview = text(m, at.inner, 'previewImageUrl');
      if (preview) bubble.preview = preview;
      return bubble;
    }
    case 'audio': {
      const bubble: BubbleView = { kind: 'media', ...at, media: 'audio', url: text(m, at.inner, 'originalContentUrl') ?? none('originalContentUrl') };
      if (typeof m.duration === 'number') bubble.durationMs = m.duration;
      return bubble;
    }
    case 'location': {
      const bubble: BubbleView = { kind: 'location', ...at };
      const title = text(m, at.inner, 'title');
      const address = text(m, at.inner, 'address');
      if (title) bubble.title = title;
      if (address) bubble.address = address;
      if (typeof m.latitude === 'number') bubble.latitude = m.latitude;
      if (typeof m.longitude === 'number') bubble.longitude = m.longitude;
      return bubble;
    }
    case 'template':
      return templateBubble(isObject(m.template) ? m.template : {}, { pointer: at.pointer, inner: childPointer(at.inner, 'template') }, at);
    default:
      return {
        kind: 'other',
        ...at,
        title: `LINE ${typeof m.type === 'string' ? m.type : 'untyped'} message`,
        detail: 'Sent to LINE as written; this preview does not draw it.',
      };
  }
}

function templateBubble(t: Record<string, unknown>, at: Required<Origin>, message: Required<Origin>): BubbleView {
  const aspect: AspectRatio = t.imageAspectRatio === 'square' ? 'square' : 'rectangle';
  const fit = t.imageSize === 'contain' ? 'contain' : 'cover';
  const column = (c: Record<string, unknown>, base: string, layout: TemplateView['buttonLayout']): TemplateView => {
    const view: TemplateView = {
      pointer: at.pointer,
      inner: base,
      buttons: actionsOf(c.actions, at.pointer, childPointer(base, 'actions')),
      buttonLayout: layout,
    };
    if (typeof c.thumbnailImageUrl === 'string') {
      view.image = { pointer: at.pointer, inner: childPointer(base, 'thumbnailImageUrl'), url: c.thumbnailImageUrl, aspect, fit };
    }
    for (const key of ['title', 'text'] as const) {
      const value = c[key];
      if (typeof value === 'string') view[key] = { pointer: at.pointer, inner: childPointer(base, key), value };
    }
    return view;
  };
  switch (t.type) {
    case 'buttons':
      return { kind: 'card', ...message, template: column(t, at.inner, 'stack') };
    case 'confirm':
      return { kind: 'choice', ...message, template: column(t, at.inner, 'row') };
    case 'carousel':
    case 'image_carousel': {
      const columns = Array.isArray(t.columns) ? t.columns : [];
      const base = childPointer(at.inner, 'columns');
      return {
        kind: 'carousel',
        ...message,
        columns: columns.map((c, i) => {
          const col = isObject(c) ? c : {};
          if (t.type === 'carousel') return column(col, childPointer(base, i), 'stack');
          return imageColumn(col, at.pointer, childPointer(base, i));
        }),
        quickReplies: [],
      };
    }
    default:
      return { kind: 'other', ...message, title: 'LINE template message', detail: 'Its template type is not one LINE knows; LINE would refuse it.' };
  }
}

/** LINE's image carousel: square images, each with one action whose label sits over the image. */
function imageColumn(c: Record<string, unknown>, pointer: string, base: string): TemplateView {
  const view: TemplateView = { pointer, inner: base, buttons: actionsOf(c.action === undefined ? [] : [c.action], pointer, base, 'action'), buttonLayout: 'stack' };
  if (typeof c.imageUrl === 'string') view.image = { pointer, inner: childPointer(base, 'imageUrl'), url: c.imageUrl, aspect: 'square', fit: 'cover' };
  return view;
}

function actionsOf(actions: unknown, pointer: string, base: string, singleKey?: string): ButtonView[] {
  if (!Array.isArray(actions)) return [];
  return actions.map((a, i) => {
    const inner = singleKey ? childPointer(base, singleKey) : childPointer(base, i);
    const action = isObject(a) ? a : {};
    const label = typeof action.label === 'string' ? { pointer, inner: childPointer(inner, 'label'), value: action.label } : undefined;
    const button: ButtonView = { pointer, inner, label, action: actionKindOf(action) };
    const target = [action.uri, action.data, action.text].find((v): v is string => typeof v === 'string');
    if (target !== undefined) button.target = target;
    return button;
  });
}

function actionKindOf(action: Record<string, unknown>): ActionKind {
  switch (action.type) {
    case 'postback':
    case 'message':
    case 'datetimepicker':
      return 'postback';
    case 'uri':
      return typeof action.uri === 'string' && /^tel:/i.test(action.uri) ? 'call' : 'url';
    case 'location':
      return 'location';
    default:
      return 'unsupported';
  }
}

function idOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
}
