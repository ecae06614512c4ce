import { JsonDocument } from '../json/jsonDocument';
import { decodeStringLiteral } from '../json/stringLiteral';
import { isObject } from '../payload/messageKinds';
import { hasPlaceholder, withoutPlaceholders } from '../payload/placeholders';
import { lineLength } from '../line/textLength';
import type { SchemaProblem } from '../schema/schemaValidator';
import { lineExplicitValidator } from '../schema/schemas';
import { graphemeCountedString } from './explicitLine/graphemeCounted';
import { type InnerFinding, lineMessageRules } from './explicitLine';
import type { Rule } from './ruleContext';

const pointer = '/message/explicit_channel_message/LINE';

/**
 * `explicit_channel_message.LINE` is LINE's own request body as a JSON string. It bypasses the Conversation API's
 * transcoding, so it is checked against LINE's contract: the schema generated from LINE's OpenAPI file, then LINE's
 * documented rules the file does not state (explicitLine/). Problems are underlined inside the string, keep
 * `pointer` at the string property and carry the pointer inside the LINE body as `innerPointer`.
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
  const findings: InnerFinding[] = lineExplicitValidator()
    .check(inner.value)
    .filter((problem) => !withinGraphemeLimit(inner.value, problem))
    .map((problem) => ({ ...problem, code: problem.code.replace(/^schema\./, 'explicit.line.') }));
  if (isObject(inner.value)) for (const rule of lineMessageRules) rule(inner.value, (f) => findings.push(f));
  // One pass over the inner text places every finding: linear in the text and the findings.
  const spans = inner.spansOf(findings.map((f) => ({ pointer: f.pointer, prefer: f.span })));
  findings.forEach((f, i) => {
    const span = spans[i]!;
    ctx.report({
      code: f.code,
      severity: f.severity,
      pointer,
      innerPointer: f.pointer,
      at: toOuter(span.offset, span.length),
      message: `LINE ${describeInner(f.pointer)}: ${f.message}`,
      data: { ...f.data, innerPointer: f.pointer },
    });
  });
};

/**
 * The schema's maxLength counts UTF-16 code units; where LINE counts grapheme clusters (template titles and texts,
 * action texts), a text of emoji can be over the one and within the other: LINE takes it.
 */
function withinGraphemeLimit(root: unknown, problem: SchemaProblem): boolean {
  const limit = problem.data?.limit;
  if (problem.code !== 'schema.max-length' || limit === undefined) return false;
  const value = graphemeCountedString(root, problem.pointer);
  return value !== undefined && lineLength(value, 'grapheme') <= limit;
}

/** "message 2 at /messages/1/template/text": the message's number for people, the inner pointer for the exact place. */
export function describeInner(innerPointer: string): string {
  const match = /^\/messages\/(\d+)(.*)$/.exec(innerPointer);
  if (!match) return innerPointer === '' ? 'body' : `body at ${innerPointer}`;
  return `message ${Number(match[1]) + 1} at ${innerPointer}`;
}
