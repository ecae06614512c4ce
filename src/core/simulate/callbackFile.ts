import { callbackValidator } from '../schema/schemas';
import { stripBom } from '../payloadFiles';

/** The file name pattern of callback files: they get the callback schema, a CodeLens and "Send This Callback". */
export const callbackFilePattern = /\.callback\.json$/i;

/** Sinch's callbacks are a few KB; the project's listener refuses bodies over 1 MiB, and so does the simulator. */
export const maxCallbackBytes = 1024 * 1024;

export interface CallbackFileProblem {
  severity: 'error' | 'warning';
  /** JSON pointer of the offending value, '' for the whole file. */
  pointer: string;
  message: string;
}

/**
 * Reads the text of a `*.callback.json` as the callback to send: strict JSON (Sinch sends no comments) holding one
 * callback the schema accepts. Errors mean it is not sent; warnings (an unknown property) are shown and it is sent.
 */
export function readCallbackText(text: string): { body: string; problems: CallbackFileProblem[] } {
  const body = stripBom(text);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxCallbackBytes) return { body, problems: [{ severity: 'error', pointer: '', message: `${bytes} bytes is more than a callback can be (at most ${maxCallbackBytes})` }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    return { body, problems: [{ severity: 'error', pointer: '', message: `not JSON${offset ? ` (at character ${offset})` : ''}: ${(error as Error).message}` }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { body, problems: [{ severity: 'error', pointer: '', message: 'a callback is a JSON object' }] };
  }
  const problems = callbackValidator()
    .check(value)
    .map((p) => ({ severity: p.severity === 'error' ? ('error' as const) : ('warning' as const), pointer: p.pointer, message: p.message.replace(/^The payload/, 'The callback').replace(/the payload/, 'the callback') }));
  return { body, problems };
}
