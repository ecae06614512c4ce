import { childPointer } from '../json/pointer';
import { type MessageKind, isObject, messageKindLabels, messageKinds, nativeOnLine } from '../payload/messageKinds';
import { hasPlaceholder } from '../payload/placeholders';
import type { Rule } from './ruleContext';

export const messageShapeRules: Rule = (ctx) => {
  const { payload, anatomy } = ctx;
  if (!isObject(payload)) return;

  if (anatomy.message) {
    const kinds = anatomy.kinds;
    const explicit = isObject(anatomy.message.explicit_channel_message) && Object.keys(anatomy.message.explicit_channel_message).length > 0;
    const channelSpecific = isObject(anatomy.message.channel_specific_message) && Object.keys(anatomy.message.channel_specific_message).length > 0;
    if (kinds.length === 0 && !explicit && !channelSpecific) {
      ctx.report({
        code: 'message.no-type',
        severity: 'error',
        pointer: '/message',
        span: 'key',
        message: `The message has no content: add exactly one of ${messageKinds.join(', ')} (or an explicit_channel_message).`,
      });
    }
    if (kinds.length > 1) {
      for (const extra of kinds.slice(1)) {
        ctx.report({
          code: 'message.multiple-types',
          severity: 'error',
          pointer: childPointer('/message', extra),
          span: 'key',
          message: `A message holds exactly one type, but this one has ${kinds.length}: ${kinds.join(', ')}. Move ${extra} into its own payload.`,
          data: { kinds },
        });
      }
    }
    for (const kind of kinds) {
      if (!nativeOnLine.has(kind)) {
        ctx.report({
          code: 'message.transcoded',
          severity: 'information',
          pointer: childPointer('/message', kind),
          span: 'key',
          message: transcodedMessage(kind),
        });
      }
    }
  }

  const recipient = payload.recipient;
  if (isObject(recipient)) {
    const hasContact = 'contact_id' in recipient;
    const hasIdentity = 'identified_by' in recipient;
    if (hasContact && hasIdentity) {
      ctx.report({ code: 'recipient.ambiguous', severity: 'error', pointer: '/recipient/identified_by', span: 'key', message: 'The recipient has both contact_id and identified_by; give exactly one.' });
    } else if (!hasContact && !hasIdentity) {
      ctx.report({ code: 'recipient.missing', severity: 'error', pointer: '/recipient', span: 'key', message: 'The recipient needs contact_id or identified_by.channel_identities.' });
    }
    const identities = isObject(recipient.identified_by) ? recipient.identified_by.channel_identities : undefined;
    if (Array.isArray(identities) && identities.length > 0) {
      const reachesLine = identities.some((i) => isObject(i) && typeof i.channel === 'string' && (i.channel === 'LINE' || hasPlaceholder(i.channel)));
      if (!reachesLine) {
        ctx.report({ code: 'recipient.no-line-identity', severity: 'warning', pointer: '/recipient/identified_by/channel_identities', message: 'No channel identity is for LINE: this message will not go to LINE.' });
      }
    }
  }

  const order = payload.channel_priority_order;
  if (Array.isArray(order) && order.length > 0 && !order.some((c) => c === 'LINE' || (typeof c === 'string' && hasPlaceholder(c)))) {
    ctx.report({ code: 'channel-priority.no-line', severity: 'warning', pointer: '/channel_priority_order', message: 'channel_priority_order does not include LINE: this message will not go to LINE.' });
  }
};

/** What the Conversation API really does with a kind LINE has no native form for. */
function transcodedMessage(kind: MessageKind): string {
  if (kind === 'template_message') {
    return 'A template message is resolved by the Conversation API to the message stored in its template store (for the version and language given), and that message is sent to LINE: drawn natively if LINE has its type (text, media, choice, card, carousel, location), transcoded otherwise. Its content is not checked here; check the stored message itself.';
  }
  return `LINE has no ${messageKindLabels[kind]}: the Conversation API transcodes it into text and buttons, so it will not look as designed.`;
}
