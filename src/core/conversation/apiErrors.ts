/** What the Conversation API answered when it refused a request, made readable. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
    readonly apiStatus?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorContext {
  /** What was attempted: "send the message", "read app 01H…". */
  action: string;
  region?: string;
  projectId?: string;
  appId?: string;
  /** The request was for a single app (a 404 then means the app is not in this region or project). */
  appScoped?: boolean;
  /** Retry-After header as received. */
  retryAfter?: string;
  /** The answer came from the token endpoint. */
  auth?: boolean;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: unknown;
}

/** `{"error":{code,message,status,details}}` → a sentence with the HTTP status and what to do about it. */
export function describeApiError(status: number, bodyText: string, ctx: ErrorContext): ApiError {
  let body: unknown = bodyText;
  try {
    body = JSON.parse(bodyText);
  } catch {
    /* not JSON: keep the text */
  }
  const error: ErrorBody = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'object' ? ((body as { error: ErrorBody }).error ?? {}) : {};
  const apiMessage = typeof error.message === 'string' && error.message ? error.message : typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : undefined;
  const apiStatus = typeof error.status === 'string' ? error.status : undefined;
  const detailText = describeDetails(error.details);
  const head = `Could not ${ctx.action}: HTTP ${status}${apiStatus ? ` ${apiStatus}` : ''}`;
  const said = apiMessage ? ` — "${apiMessage}"${detailText}` : detailText;
  let advice: string;
  let retryAfterSeconds: number | undefined;
  if (ctx.auth && (status === 400 || status === 401 || status === 403)) {
    advice = 'The access key was refused: check the key ID and replace the key secret (Conversation API LINE: Set Access Key Secret, or SINCH_KEY_ID/SINCH_KEY_SECRET).';
  } else if (status === 401) {
    advice = 'The credentials were refused even with a fresh token: check the access key ID and secret, and that the key belongs to this project.';
  } else if (status === 403) {
    advice = `The access key may not act on project ${ctx.projectId ?? '(unknown)'}: check the project ID, and that the key was created in that project.`;
  } else if (status === 404 && ctx.appScoped) {
    advice = `App ${ctx.appId ?? ''} was not found in region "${ctx.region ?? '?'}" of project ${ctx.projectId ?? '?'}. An app lives in the one region it was created in: check the region and the app ID in the Sinch dashboard.`;
  } else if (status === 404) {
    advice = `Not found in region "${ctx.region ?? '?'}" of project ${ctx.projectId ?? '?'}: check the project ID, the app ID and the region (an app lives in one region).`;
  } else if (status === 400) {
    advice = 'The API refused the request body; the message above says which field.';
  } else if (status === 429) {
    retryAfterSeconds = parseRetryAfter(ctx.retryAfter);
    advice = `Too many requests: wait ${retryAfterSeconds !== undefined ? `${retryAfterSeconds} s` : 'a little'} before sending again. Nothing is re-sent automatically.`;
  } else if (status >= 500) {
    advice = 'The API failed on its side. The request may or may not have been processed: check before sending again.';
  } else {
    advice = 'See the response body for details.';
  }
  return new ApiError(`${head}${said}. ${advice}`, status, body, apiStatus, retryAfterSeconds);
}

function describeDetails(details: unknown): string {
  if (!Array.isArray(details) || details.length === 0) return '';
  const parts = details
    .slice(0, 5)
    .map((d) => {
      if (typeof d !== 'object' || d === null) return undefined;
      const x = d as Record<string, unknown>;
      const value = typeof x.value === 'string' ? x.value : x.value !== undefined ? JSON.stringify(x.value) : undefined;
      return value ? value.slice(0, 300) : undefined;
    })
    .filter((v): v is string => v !== undefined);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
