import type * as MediaModule from '../core/media';

let loaded: typeof MediaModule | undefined;

/**
 * Media pre-flight (its checker, probe, image parsing and HTTP client) from dist/media.js, a bundle of its own, on the
 * first media check: most sessions never check a media URL, and the extension starts without it.
 */
export function loadMedia(): typeof MediaModule {
  // Left to Node at run time (external in esbuild.mjs): dist/media.js sits beside dist/extension.js.
  return (loaded ??= require('./media.js') as typeof MediaModule);
}
