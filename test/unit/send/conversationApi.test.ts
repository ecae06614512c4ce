import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/conversation/apiErrors';
import { lineCredential, mergeLineCredential } from '../../../src/core/conversation/conversationApi';
import { TokenCache } from '../../../src/core/conversation/tokenCache';
import { createDispatcher } from '../../../src/core/http/dispatcher';
import { NetworkError } from '../../../src/core/http/request';
import { prepareSend } from '../../../src/core/send/prepareSend';
import { sendPayload } from '../../../src/core/send/sendPayload';
import { FakeConversationApi, errorBody } from '../../support/fakeConversationApi';
import { clientFor, textPayload } from './sendSupport';

describe('Conversation API client against the fake API', () => {
  let fake: FakeConversationApi;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    fake = await FakeConversationApi.start();
  });
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
    assert.deepEqual(fake.violations, [], 'requests kept to the contract');
    await fake.close();
  });
  const client = (options: Parameters<typeof clientFor>[1] = {}) => {
    const c = clientFor(fake, options);
    closers.push(() => c.dispatcher.close());
    return c;
  };
  const body = () => {
    const prepared = prepareSend(textPayload(fake.options.appId), []);
    assert.ok(prepared.ok);
    return prepared.body;
  };

  it('sends with a Bearer token from the OAuth endpoint (Basic auth) and returns message_id and accepted_time', async () => {
    const { api } = client();
    const result = await api.send(body());
    assert.equal(result.status, 200);
    assert.match(result.body.message_id!, /^01MSG/);
    assert.ok(!Number.isNaN(Date.parse(result.body.accepted_time!)));
    const [token] = fake.requestsTo('token');
    assert.equal(token.headers.authorization, `Basic ${Buffer.from(`${fake.options.keyId}:${fake.options.keySecret}`).toString('base64')}`);
    const [send] = fake.requestsTo('send');
    assert.equal(send.path, `/v1/projects/${fake.options.projectId}/messages:send`);
    assert.equal(send.headers.authorization, `Bearer ${fake.issuedTokens[0]}`);
    assert.deepEqual(JSON.parse(send.body), JSON.parse(JSON.stringify(body())));
  });

  it('reuses one token across sends and clients sharing the cache', async () => {
    const { api, dispatcher, tokens } = client();
    await api.send(body());
    await api.send(body());
    const second = clientFor(fake, { tokens });
    await second.api.send(body());
    assert.equal(fake.requestsTo('token').length, 1);
    assert.equal(fake.requestsTo('send').length, 3);
    void dispatcher;
  });

  it('fetches a new token shortly before the old one expires', async () => {
    let now = 1_000_000;
    const dispatcher = createDispatcher();
    closers.push(() => dispatcher.close());
    const tokens = new TokenCache(dispatcher, { now: () => now });
    const { api } = client({ tokens });
    await api.send(body());
    now += 3_500_000;
    await api.send(body());
    assert.equal(fake.requestsTo('token').length, 1, 'still valid for more than the margin');
    now += 60_000; // 59 min 20 s into a 60 min token: inside the one-minute safety margin
    await api.send(body());
    assert.equal(fake.requestsTo('token').length, 2);
    now += 60_000;
    await api.send(body());
    assert.equal(fake.requestsTo('token').length, 2);
  });

  it('refreshes the token once on a 401 and sends the request again only then', async () => {
    const { api } = client();
    await api.send(body());
    fake.revokeTokens();
    const result = await api.send(body());
    assert.equal(result.status, 200);
    assert.equal(fake.requestsTo('token').length, 2);
    assert.deepEqual(fake.requestsTo('send').map((r) => r.status), [200, 401, 200]);
  });

  it('gives up after one refresh when the API keeps answering 401', async () => {
    const { api } = client();
    fake.next({ route: 'send', status: 401, times: 5 });
    const error = await api.send(body()).then(() => undefined, (e) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.match(error.message, /HTTP 401 UNAUTHENTICATED.*check the access key ID and secret/);
    assert.equal(fake.requestsTo('send').length, 2);
  });

  it('names the key when the token endpoint refuses it', async () => {
    const { api } = client({ keySecret: 'wrong-secret-value' });
    const error = await api.send(body()).then(() => undefined, (e) => e);
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /Could not get an access token: HTTP 401.*access key was refused/);
    assert.equal(fake.requestsTo('send').length, 0);
  });

  const errorCases: [number, Record<string, string> | undefined, RegExp][] = [
    [400, undefined, /HTTP 400 INVALID_ARGUMENT — "Invalid recipient" \(recipient\.identified_by\).*refused the request body/],
    [403, undefined, /HTTP 403 PERMISSION_DENIED.*may not act on project proj-0001/],
    [429, { 'retry-after': '7' }, /HTTP 429 RESOURCE_EXHAUSTED.*wait 7 s before sending again\. Nothing is re-sent automatically/],
    [500, undefined, /HTTP 500 INTERNAL.*may or may not have been processed: check before sending again/],
  ];
  for (const [status, headers, expected] of errorCases) {
    it(`explains a ${status} answer and sends once`, async () => {
      const { api } = client();
      const details = status === 400 ? [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: 'recipient.identified_by' }] : [];
      fake.next({ route: 'send', status, body: errorBody(status, status === 400 ? 'Invalid recipient' : 'Refused', details), headers });
      const error = await api.send(body()).then(() => undefined, (e) => e);
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, status);
      assert.match(error.message, expected);
      if (status === 429) assert.equal(error.retryAfterSeconds, 7);
      assert.equal(fake.requestsTo('send').length, 1, 'never re-sent');
    });
  }

  it('says which region was used when the app is not found (404)', async () => {
    const { api } = client();
    const other = { ...fake.environment(), appId: '01OTHERAPP' };
    const dispatcher = createDispatcher();
    closers.push(() => dispatcher.close());
    const { ConversationApi } = await import('../../../src/core/conversation/conversationApi');
    const wrong = new ConversationApi({ environment: other, keySecret: fake.options.keySecret, dispatcher, tokens: new TokenCache(dispatcher) });
    const error = await wrong.getApp().then(() => undefined, (e) => e);
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /HTTP 404 NOT_FOUND — "Could not find App with ID 01OTHERAPP".*not found in region "eu \(127\.0\.0\.1:\d+\)".*An app lives in the one region it was created in/);
    void api;
  });

  it('tells a timeout (may have arrived) from a refused connection (nothing delivered)', async () => {
    const { api } = client({ timeoutMs: 300 });
    fake.next({ route: 'send', delayMs: 1500 });
    const timeout = await api.send(body()).then(() => undefined, (e) => e);
    assert.ok(timeout instanceof NetworkError);
    assert.equal(timeout.kind, 'timeout');
    assert.match(timeout.message, /No answer from 127\.0\.0\.1:\d+ within 0\.3 s\. The request may still have been received/);

    const closed = await FakeConversationApi.start();
    const env = closed.environment();
    await closed.close();
    const dispatcher = createDispatcher({ timeoutMs: 2000 });
    closers.push(() => dispatcher.close());
    const outcome = await sendPayload({ environment: env, keySecret: 'x-secret-value', body: body(), dispatcher, tokens: new TokenCache(dispatcher) });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.kind === 'connection');
    assert.match(outcome.ok ? '' : outcome.message, /Could not connect to 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)\. Nothing was delivered/);
  });

  it('configures LINE on the app and keeps every other channel as it was', async () => {
    const { api } = client();
    const before = structuredClone(fake.apps.get(fake.options.appId)!.channel_credentials);
    const { channels } = await api.setLineCredential(lineCredential('standard', 'line-token-1', 'line-secret-1'));
    const stored = fake.apps.get(fake.options.appId)!.channel_credentials;
    assert.deepEqual(stored, channels);
    assert.deepEqual(stored.slice(0, 2), before);
    assert.deepEqual(stored[2], { channel: 'LINE', line_credentials: { token: 'line-token-1', secret: 'line-secret-1' } });
    const [patch] = fake.requestsTo('updateApp');
    assert.match(patch.path, /\?update_mask\.paths=channel_credentials$/);

    await api.setLineCredential(lineCredential('japan', 'jp-token', 'jp-secret'));
    const after = fake.apps.get(fake.options.appId)!.channel_credentials;
    assert.equal(after.length, 3, 'the LINE entry was replaced, not added');
    assert.deepEqual(after.slice(0, 2), before);
    assert.deepEqual(after[2], { channel: 'LINE', line_enterprise_credentials: { line_japan: { token: 'jp-token', secret: 'jp-secret' } } });
  });

  it('merges a LINE credential into a list in place', () => {
    const list = [{ channel: 'SMS', static_bearer: {} }, { channel: 'LINE', line_credentials: { token: 'a', secret: 'b' } }, { channel: 'RCS', static_bearer: {} }];
    const merged = mergeLineCredential(list, lineCredential('thailand', 't', 's'));
    assert.deepEqual(merged.map((c) => c.channel), ['SMS', 'LINE', 'RCS']);
    assert.deepEqual(merged[1], { channel: 'LINE', line_enterprise_credentials: { line_thailand: { token: 't', secret: 's' } } });
  });

  it('creates, lists and deletes webhooks, checking the limits before calling', async () => {
    const { api } = client();
    const created = await api.createWebhook({ target: 'https://hooks.example.com/sinch', triggers: ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND'], secret: 'wh-secret-123' });
    assert.match(created.id!, /^01WH/);
    assert.equal(JSON.parse(fake.requestsTo('createWebhook')[0].body).secret, 'wh-secret-123');
    const listed = await api.listWebhooks();
    assert.deepEqual(listed.map((w) => w.target), ['https://hooks.example.com/sinch']);
    for (let i = 0; i < 4; i++) await api.createWebhook({ target: `https://hooks.example.com/${i}`, triggers: ['MESSAGE_INBOUND'] });
    const creates = fake.requestsTo('createWebhook').length;
    await assert.rejects(api.createWebhook({ target: 'https://hooks.example.com/6', triggers: ['MESSAGE_INBOUND'] }), /already has 5 webhooks, the most the API allows \(5\): delete one first/);
    await assert.rejects(api.createWebhook({ target: `https://example.com/${'x'.repeat(730)}`, triggers: ['MESSAGE_INBOUND'] }), /is 750 characters long; the API allows at most 742/);
    assert.equal(fake.requestsTo('createWebhook').length, creates, 'no refused request was made');
    await api.deleteWebhook(created.id!);
    assert.equal((await api.listWebhooks()).length, 4);
    await assert.rejects(api.deleteWebhook(created.id!), (e: unknown) => e instanceof ApiError && e.status === 404);
  });
});
