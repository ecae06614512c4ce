// The module that esbuild.mjs generates from schemas/*.json with ajv's standalone code at build time.
declare module 'convapi-line:validators' {
  import type { ErrorObject } from 'ajv';

  interface GeneratedValidator {
    (data: unknown): boolean;
    /** The errors of the last call, null when it passed. */
    errors?: ErrorObject[] | null;
  }

  /** schemas/send-message.schema.json */
  export const sendMessage: GeneratedValidator;
  /** schemas/line-explicit-message.schema.json */
  export const lineExplicit: GeneratedValidator;
  /** schemas/callback.schema.json */
  export const callback: GeneratedValidator;
}
