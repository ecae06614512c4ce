import { lineLength } from '../../line/textLength';
import { hasPlaceholder, withoutPlaceholders } from '../../payload/placeholders';
import { type InnerFinding, isRecord } from './innerRule';

/**
 * Where an action sits decides which action types LINE takes and what it does with the label (LINE Messaging API
 * reference, action objects: "Required for templates other than image carousel. Max 20"; "Optional for image
 * carousel templates. Max 12"; "Required for quick reply buttons. Max 20"; "Required for the button of Flex
 * Message. Max 40"). Camera, camera roll and location actions exist only on quick reply buttons; the rich menu
 * switch action only in rich menus, never in a message.
 */
export interface ActionContext {
  name: string;
  allowed: readonly string[];
  label: { required: boolean; max: number } | undefined;
}

const common = ['postback', 'message', 'uri', 'datetimepicker', 'clipboard'] as const;

export const actionContexts = {
  template: { name: 'a template button', allowed: common, label: { required: true, max: 20 } },
  templateDefault: { name: "a template's defaultAction", allowed: common, label: undefined },
  imageCarousel: { name: 'an image carousel column', allowed: common, label: { required: false, max: 12 } },
  quickReply: { name: 'a quick reply button', allowed: [...common, 'camera', 'cameraRoll', 'location'], label: { required: true, max: 20 } },
  flexButton: { name: 'a Flex button', allowed: common, label: { required: true, max: 40 } },
  flexComponent: { name: 'a Flex component', allowed: common, label: undefined },
} as const satisfies Record<string, ActionContext>;

/** LINE's URI action and imagemap links: "The available schemes are http, https, line, and tel." */
export const allowedUriSchemes = ['http', 'https', 'line', 'tel'] as const;

export function checkUriScheme(uri: unknown, at: string, what: string, report: (f: InnerFinding) => void): void {
  if (typeof uri !== 'string' || uri === '' || /^\s*\{\{/.test(uri)) return;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme && (allowedUriSchemes as readonly string[]).includes(scheme)) return;
  report({
    code: 'explicit.line.uri.scheme',
    severity: 'error',
    pointer: at,
    message: scheme
      ? `${what} uses the scheme "${scheme}:"; LINE accepts only ${allowedUriSchemes.map((s) => `${s}:`).join(', ')}.`
      : `${what} "${uri}" has no scheme; LINE accepts only absolute ${allowedUriSchemes.map((s) => `${s}:`).join(', ')} URIs.`,
  });
}

const datetimeFormats: Record<string, { pattern: RegExp; example: string }> = {
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, example: '2025-06-18' },
  time: { pattern: /^\d{2}:\d{2}$/, example: '06:15' },
  datetime: { pattern: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/, example: '2025-06-18T06:15' },
};

/** Checks one action object in its context; `at` is its pointer. */
export function checkAction(action: unknown, at: string, context: ActionContext, report: (f: InnerFinding) => void): void {
  if (!isRecord(action) || typeof action.type !== 'string') return;
  const type = action.type;
  const known = ['postback', 'message', 'uri', 'datetimepicker', 'camera', 'cameraRoll', 'location', 'richmenuswitch', 'clipboard'];
  if (known.includes(type) && !context.allowed.includes(type)) {
    report({
      code: 'explicit.line.action.not-allowed',
      severity: 'error',
      pointer: `${at}/type`,
      message:
        type === 'richmenuswitch'
          ? 'A rich menu switch action works only in a rich menu, not in a message.'
          : `A ${type} action cannot be used in ${context.name}; LINE allows ${context.allowed.join(', ')} there.`,
    });
  }
  if (context.label) {
    const label = action.label;
    if (label === undefined) {
      if (context.label.required) {
        report({ code: 'explicit.line.action.label-missing', severity: 'error', pointer: at, message: `An action of ${context.name} needs a "label" (at most ${context.label.max} characters).` });
      }
    } else if (typeof label === 'string' && label.length > context.label.max) {
      // LINE counts labels in grapheme clusters: an emoji is one.
      const length = lineLength(label, 'grapheme');
      if (length > context.label.max) {
        const estimated = hasPlaceholder(label) && lineLength(withoutPlaceholders(label), 'grapheme') <= context.label.max;
        report({
          code: 'explicit.line.action.label-long',
          severity: 'warning',
          pointer: `${at}/label`,
          message: `The label of ${context.name} is ${length} characters${estimated ? ' (with placeholders as written)' : ''}; LINE allows at most ${context.label.max} and may cut or refuse a longer one.`,
          data: { limit: context.label.max, actual: length, unit: 'grapheme' },
        });
      }
    }
  }
  if (type === 'uri') {
    checkUriScheme(action.uri, `${at}/uri`, 'The URI action', report);
    if (isRecord(action.altUri)) checkUriScheme(action.altUri.desktop, `${at}/altUri/desktop`, 'altUri.desktop', report);
  }
  if (type === 'datetimepicker' && typeof action.mode === 'string' && datetimeFormats[action.mode]) {
    const format = datetimeFormats[action.mode]!;
    for (const key of ['initial', 'max', 'min']) {
      const value = action[key];
      if (typeof value !== 'string' || hasPlaceholder(value) || format.pattern.test(value)) continue;
      report({ code: 'explicit.line.datetime.format', severity: 'error', pointer: `${at}/${key}`, message: `${key} "${value}" does not fit mode "${action.mode}": write it like ${format.example}.` });
    }
  }
  if (type === 'postback' && action.fillInText !== undefined && action.inputOption !== 'openKeyboard') {
    report({ code: 'explicit.line.action.fill-in-text', severity: 'warning', pointer: `${at}/fillInText`, message: 'fillInText is only used with inputOption "openKeyboard"; LINE ignores it here.' });
  }
}
