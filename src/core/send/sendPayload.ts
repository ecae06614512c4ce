import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { ApiError } from '../conversation/apiErrors';
import { ConversationApi, type SendResult } from '../conversation/conversationApi';
import type { Environment } from '../conversation/environment';
import type { TokenCache } from '../conversation/tokenCache';
import type { SentMessage } from '../history/sentMessages';
import { NetworkError } from '../http/request';
import { UrlRefusedError } from '../http/urlPolicy';
import { describeRecipient } from './prepareSend';
import { Redactor } from './redact';

export interface SendInput {
  environment: Environment;
  keySecret: string;
  /** The checked, resolved body (see prepareSend). */
  body: Record<string, unknown>;
  /** The payload file, for the history entry. */
  file?: string;
  dispatcher: Dispatcher;
  tokens: TokenCache;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type SendOutcome =
  | { ok: true; entry: SentMessage; result: SendResult }
  /** `kind` tells an API refusal from a request that got no answer (timeout) or never arrived (connection). */
  | { ok: false; entry: SentMessage; kind: 'api' | 'timeout' | 'connection' | 'cancelled' | 'refused' | 'other'; message: string; status?: number };

/** Sends a prepared body once (never re-sent) and returns the history entry, free of secrets, either way. */
export async function sendPayload(input: SendInput): Promise<SendOutcome> {
  const api = new ConversationApi({ environment: input.environment, keySecret: input.keySecret, dispatcher: input.dispatcher, tokens: input.tokens, timeoutMs: input.timeoutMs });
  const planned = api.sendRequest(input.body);
  const env = input.environment;
  const entry: SentMessage = {
    id: randomUUID(),
    sentAt: new Date().toISOString(),
    environment: env.name,
    projectId: env.projectId,
    appId: typeof input.body.app_id === 'string' && input.body.app_id ? input.body.app_id : env.appId,
    region: env.region,
    recipient: describeRecipient(input.body),
    request: { method: planned.method, url: planned.url, body: input.body },
    events: [],
  };
  if (input.file) entry.file = input.file;
  const redactor = new Redactor().add(input.keySecret);
  try {
    const result = await api.send(input.body, input.signal);
    entry.response = { status: result.status, body: result.body };
    if (typeof result.body.message_id === 'string') entry.messageId = result.body.message_id;
    if (typeof result.body.accepted_time === 'string') entry.acceptedTime = result.body.accepted_time;
    return { ok: true, entry, result };
  } catch (error) {
    redactor.add(...input.tokens.recentTokens());
    const message = redactor.redactError(error);
    entry.error = message;
    if (error instanceof ApiError) {
      entry.response = { status: error.status, body: redactor.redactValue(error.body) };
      return { ok: false, entry, kind: 'api', message, status: error.status };
    }
    if (error instanceof NetworkError) return { ok: false, entry, kind: error.kind, message };
    if (error instanceof UrlRefusedError) return { ok: false, entry, kind: 'refused', message };
    return { ok: false, entry, kind: 'other', message };
  }
}
