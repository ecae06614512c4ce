import { isObject } from '../payload/messageKinds';
import { hasPlaceholder } from '../payload/placeholders';
import type { Rule } from './ruleContext';

/** The Conversation API's documented range of `ttl`, in seconds (SendMessageRequest.ttl). */
export const ttlRange = { min: 3, max: 315_576_000_000 } as const;

/**
 * `ttl` is a protobuf Duration: whole seconds written with an `s` ("10s"). The Sinch SDK also takes a bare number
 * and formats it, so a JSON number of seconds is accepted too. Checked here rather than in the schema so that the
 * message can say what the value should look like.
 */
export const ttlRules: Rule = (ctx) => {
  const payload = ctx.payload;
  if (!isObject(payload) || !('ttl' in payload)) return;
  const ttl = payload.ttl;
  let seconds: number;
  if (typeof ttl === 'number') {
    if (!Number.isInteger(ttl)) return; // the schema's finding (a string or an integer)
    seconds = ttl;
  } else if (typeof ttl === 'string') {
    if (hasPlaceholder(ttl)) return;
    const match = /^([0-9]+)s$/.exec(ttl);
    if (!match) {
      ctx.report({ code: 'ttl.format', severity: 'error', pointer: '/ttl', message: `ttl "${ttl}" is not whole seconds with the suffix s: write it like "10s" or "86400s".` });
      return;
    }
    seconds = Number(match[1]);
  } else {
    return; // a wrong type is the schema's finding
  }
  if (seconds < ttlRange.min || seconds > ttlRange.max) {
    ctx.report({
      code: 'ttl.range',
      severity: 'error',
      pointer: '/ttl',
      message: `ttl is ${seconds} seconds: the Conversation API accepts ${ttlRange.min} to ${ttlRange.max.toLocaleString('en-US')}.`,
      data: { actual: seconds, limit: seconds < ttlRange.min ? ttlRange.min : ttlRange.max },
    });
  }
};
