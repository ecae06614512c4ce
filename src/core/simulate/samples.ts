import { samples as bundled } from 'convapi-line:callback-samples';
import { triggerOf } from '../webhook/triggers';

/** One bundled sample callback: a src/core/simulate/samples/<kind>.callback.json file. */
export interface CallbackSample {
  /** The file name without `.callback.json`: "inbound-text". */
  kind: string;
  /** The kind as a person reads it: "Inbound text". */
  title: string;
  /** MESSAGE_INBOUND, OPT_IN, … (from the callback's top-level key). */
  trigger: string;
  /** The file's text, as it is in the repository. */
  text: string;
}

const titled = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll('-', ' ');

let cache: CallbackSample[] | undefined;

/** Every sample, sorted by kind. */
export function callbackSamples(): readonly CallbackSample[] {
  cache ??= bundled.map(({ kind, text }) => ({ kind, title: titled(kind), trigger: triggerOf(JSON.parse(text)).trigger, text }));
  return cache;
}

export function sampleByKind(kind: string): CallbackSample | undefined {
  return callbackSamples().find((s) => s.kind === kind);
}
