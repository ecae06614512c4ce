import { JsonDocument } from '../json/jsonDocument';
import { decodeStringLiteral } from '../json/stringLiteral';
import { isObject } from '../payload/messageKinds';
import { hasPlaceholder, withoutPlaceholders } from '../payload/placeholders';
import { lineExplicitValidator } from '../schema/schemas';
import type { Rule } from './ruleContext';

const pointer = '/message/explicit_channel_message/LINE';

/**
 * `explicit_channel_message.LINE` is LINE's own request body as a JSON string. It bypasses the Conversation API's
 * transcoding, so it is checked against LINE's contract, with problems underlined inside the string.
 */
export const explicitLineRules: Rule = (ctx) => {
  const explicit = ctx.anatomy.message?.explicit_channel_message;
  if (!isObject(explicit) || typeof explicit.LINE !== 'string') return;
  const node = ctx.document.spanOf(pointer);
  const decoded = decodeStringLiteral(ctx.document.text.slice(node.offset, node.offset + node.length));
  if (!decoded || decoded.value !== explicit.LINE) return;
  const inner = new JsonDocument(decoded.value);
  const toOuter = (offset: number, length: number) => {
    const start = decoded.offsets[Math.min(offset, decoded.offsets.length - 1)]!;
    const end = decoded.offsets[Math.min(offset + Math.max(length, 1), decoded.offsets.length - 1)]!;
    return { offset: node.offset + start, length: Math.max(end - start, 1) };
  };

  if (decoded.value.trim() === '') {
    ctx.report({ code: 'explicit.line.empty', severity: 'error', pointer, message: 'explicit_channel_message.LINE is empty: it must be a JSON string like {"messages":[…]}.' });
    return;
  }
  // The whole body filled in at send time ("{{LINE_BODY}}"): nothing to check before then.
  if (hasPlaceholder(decoded.value) && withoutPlaceholders(decoded.value).trim() === '') return;
  if (inner.syntaxProblems.length > 0) {
    const first = inner.syntaxProblems[0]!;
    ctx.report({
      code: 'explicit.line.json',
      severity: 'error',
      pointer,
      at: toOuter(first.offset, first.length),
      message: `explicit_channel_message.LINE is not valid JSON: ${first.message} at character ${first.offset + 1} of the string.`,
    });
    return;
  }
  const problems = lineExplicitValidator().check(inner.value);
  const spans = inner.spansOf(problems.map((p) => ({ pointer: p.pointer, prefer: p.span })));
  for (const [i, problem] of problems.entries()) {
    const span = spans[i]!;
    // LINE's reference limits action labels to 20 characters but its OpenAPI file does not: as for the buttons of
    // card and choice messages (button.label.long), a longer label is a warning (FACTS.md), not an error.
    const labelTooLong = problem.code === 'schema.max-length' && /\/label$/.test(problem.pointer);
    ctx.report({
      code: problem.code.replace(/^schema\./, 'explicit.line.'),
      severity: labelTooLong ? 'warning' : problem.severity,
      pointer,
      at: toOuter(span.offset, span.length),
      message: `LINE message ${describeInner(problem.pointer)}: ${problem.message}`,
      data: { innerPointer: problem.pointer },
    });
  }
  if (isObject(inner.value) && Array.isArray(inner.value.messages)) {
    const flex = inner.value.messages.flatMap((m, i) => (isObject(m) && m.type === 'flex' ? [i] : []));
    const flexSpans = inner.spansOf(flex.map((i) => ({ pointer: `/messages/${i}` })));
    flex.forEach((i, n) => {
      const span = flexSpans[n]!;
      ctx.report({
        code: 'explicit.line.flex-unchecked',
        severity: 'information',
        pointer,
        at: toOuter(span.offset, Math.min(span.length, 1)),
        message: `LINE message ${i + 1} is a Flex Message: it is sent as is, and its contents are not checked here.`,
      });
    });
  }
};

function describeInner(innerPointer: string): string {
  const match = /^\/messages\/(\d+)(.*)$/.exec(innerPointer);
  if (!match) return innerPointer === '' ? 'body' : `body ${innerPointer}`;
  return `${Number(match[1]) + 1}${match[2] ? ` (${match[2]!.slice(1)})` : ''}`;
}
