/**
 * An AbortController that also aborts when `parent` does, and lets go of the parent when disposed. Used instead of
 * AbortSignal.any so that thousands of short requests do not pile up listeners on the checker's lifetime signal.
 */
export function linkedAbort(parent: AbortSignal | undefined): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  if (!parent) return { controller, dispose: () => undefined };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, dispose: () => undefined };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}
