import type { DiagnosticData, Severity } from '../../diagnostic';

/** A finding inside the LINE body of explicit_channel_message.LINE, at a JSON pointer of that body. */
export interface InnerFinding {
  code: string;
  severity: Severity;
  message: string;
  /** RFC 6901 pointer inside the LINE body, e.g. /messages/0/template/actions/1/label. */
  pointer: string;
  span?: 'value' | 'key';
  data?: DiagnosticData;
}

/** A rule over LINE's own message objects; never throws on odd shapes (the schema reports those). */
export type InnerRule = (body: Record<string, unknown>, report: (finding: InnerFinding) => void) => void;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each LINE message object with its pointer. */
export function* messagesOf(body: Record<string, unknown>): Generator<{ message: Record<string, unknown>; at: string }> {
  if (!Array.isArray(body.messages)) return;
  for (const [i, message] of body.messages.entries()) if (isRecord(message)) yield { message, at: `/messages/${i}` };
}

export function* entries(value: unknown, at: string): Generator<{ item: Record<string, unknown>; at: string; index: number }> {
  if (!Array.isArray(value)) return;
  for (const [index, item] of value.entries()) if (isRecord(item)) yield { item, at: `${at}/${index}`, index };
}
