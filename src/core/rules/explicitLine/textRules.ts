import { hasPlaceholder } from '../../payload/placeholders';
import { actionContexts, checkAction, checkUriScheme } from './actionRules';
import { type InnerRule, entries, isRecord, messagesOf } from './innerRule';

/** LINE emojis: each `index` points at a `$` of the text, which the emoji replaces; two emojis cannot share one. */
export const emojiRules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (message.type !== 'text' || typeof message.text !== 'string' || !Array.isArray(message.emojis)) continue;
    const text = message.text;
    // A placeholder before an index moves it once filled in: positions are not known until then.
    if (hasPlaceholder(text)) continue;
    const seen = new Map<number, number>();
    for (const { item, at: eat, index } of entries(message.emojis, `${at}/emojis`)) {
      if (typeof item.index !== 'number' || !Number.isInteger(item.index)) continue;
      const position = item.index;
      if (text[position] !== '$') {
        report({
          code: 'explicit.line.emoji.position',
          severity: 'error',
          pointer: `${eat}/index`,
          message: position >= text.length
            ? `Emoji ${index + 1} is at index ${position}, past the end of the text (${text.length} characters).`
            : `Emoji ${index + 1} is at index ${position}, where the text has "${text[position]}": each emoji replaces a "$" of the text.`,
        });
      }
      const earlier = seen.get(position);
      if (earlier !== undefined) {
        report({ code: 'explicit.line.emoji.duplicate', severity: 'error', pointer: `${eat}/index`, message: `Emojis ${earlier + 1} and ${index + 1} both use index ${position}.` });
      } else seen.set(position, index);
    }
  }
};

/**
 * textV2: `{key}` in the text is replaced by `substitution[key]` (a mention or an emoji); `{{` and `}}` are literal
 * braces in LINE's syntax (and our {{PLACEHOLDER}}s), so only single-brace keys count.
 */
export const textV2Rules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (message.type !== 'textV2' || typeof message.text !== 'string') continue;
    const keys = new Set<string>();
    for (const match of message.text.replace(/\{\{|\}\}/g, '  ').matchAll(/\{([^{}]*)\}/g)) keys.add(match[1]!);
    const substitution = isRecord(message.substitution) ? message.substitution : {};
    for (const key of keys) {
      if (!(key in substitution)) {
        report({ code: 'explicit.line.text-v2.substitution-missing', severity: 'error', pointer: `${at}/text`, message: `The text uses {${key}}, but "substitution" has no "${key}".` });
      }
    }
    for (const key of Object.keys(substitution)) {
      if (!keys.has(key)) {
        report({ code: 'explicit.line.text-v2.substitution-unused', severity: 'warning', pointer: `${at}/substitution/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, span: 'key', message: `substitution "${key}" is not used: the text has no {${key}}.` });
      }
    }
  }
};

/** Quick reply buttons, on any message type: their actions and labels. */
export const quickReplyRules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (!isRecord(message.quickReply)) continue;
    for (const { item, at: iat } of entries(message.quickReply.items, `${at}/quickReply/items`)) checkAction(item.action, `${iat}/action`, actionContexts.quickReply, report);
  }
};

/** Imagemap links and the video's external link: LINE's URI schemes. */
export const imagemapRules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (message.type !== 'imagemap') continue;
    for (const { item, at: aat } of entries(message.actions, `${at}/actions`)) if (item.type === 'uri') checkUriScheme(item.linkUri, `${aat}/linkUri`, 'The imagemap link', report);
    if (isRecord(message.video) && isRecord(message.video.externalLink)) checkUriScheme(message.video.externalLink.linkUri, `${at}/video/externalLink/linkUri`, 'The video external link', report);
  }
};
