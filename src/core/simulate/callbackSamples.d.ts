// The module esbuild.mjs generates from src/core/simulate/samples/*.callback.json at build time.
declare module 'convapi-line:callback-samples' {
  /** One sample per file, sorted by kind; `kind` is the file name without `.callback.json`. */
  export const samples: readonly { kind: string; text: string }[];
}
