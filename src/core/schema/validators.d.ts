// The modules that esbuild.mjs generates from schemas/*.json with ajv's standalone code at build time, one per
// schema: sendMessage (send-message.schema.json), lineExplicit (line-explicit-message.schema.json) and callback
// (callback.schema.json).
declare module 'convapi-line:validators/*' {
  import type { ErrorObject } from 'ajv';

  interface GeneratedValidator {
    (data: unknown): boolean;
    /** The errors of the last call, null when it passed. */
    errors?: ErrorObject[] | null;
  }

  export const validate: GeneratedValidator;
}
