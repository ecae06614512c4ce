/** The API's limits on webhooks, checked before a request so a refused one is never made. */
export const maxWebhooksPerApp = 5;
export const maxWebhookTargetLength = 742;

export function webhookTargetProblem(target: string): string | undefined {
  if (target.length > maxWebhookTargetLength) return `The webhook target is ${target.length} characters long; the API allows at most ${maxWebhookTargetLength}.`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `The webhook target "${target}" is not a URL.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The webhook target must be an http(s) URL, not ${url.protocol}.`;
  return undefined;
}
