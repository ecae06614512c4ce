import * as assert from 'node:assert/strict';
import { TokenCache } from '../../../src/core/conversation/tokenCache';
import { ConversationApi } from '../../../src/core/conversation/conversationApi';
import { createDispatcher } from '../../../src/core/http/dispatcher';
import { httpRequest } from '../../../src/core/http/request';
import { UrlRefusedError, isLoopbackHost, urlRefusal } from '../../../src/core/http/urlPolicy';
import { FakeConversationApi } from '../../support/fakeConversationApi';
import { startLocalProxy } from '../../support/localProxy';

describe('HTTP client: proxies and plain http', () => {
  it('allows plain http for loopback only', () => {
    for (const host of ['127.0.0.1', '127.5.0.1', 'localhost', 'api.localhost', '[::1]']) assert.ok(isLoopbackHost(host.replace(/^\[|\]$/g, '')) || isLoopbackHost(host), host);
    for (const host of ['10.0.0.1', '192.168.1.2', 'example.com', '169.254.1.1', '::ffff:10.0.0.1', '128.0.0.1']) assert.equal(isLoopbackHost(host), false, host);
    assert.equal(urlRefusal('https://eu.conversation.api.sinch.com'), undefined);
    assert.equal(urlRefusal('http://127.0.0.1:8080/x'), undefined);
    assert.match(urlRefusal('http://eu.conversation.api.sinch.com', 'SINCH_CONVERSATION_URL')!, /SINCH_CONVERSATION_URL "http:\/\/eu\.conversation\.api\.sinch\.com" uses plain http.*loopback addresses only/);
    assert.match(urlRefusal('ftp://x')!, /must use https/);
  });

  it('refuses a plain-http remote URL before connecting, with the key secret never sent', async () => {
    // An address in TEST-NET-1 (RFC 5737): nothing may be sent there, and the refusal comes before any socket.
    const dispatcher = createDispatcher({ timeoutMs: 500 });
    try {
      await assert.rejects(httpRequest(dispatcher, { method: 'POST', url: 'http://192.0.2.1/oauth2/token', body: 'x' }), UrlRefusedError);
      const env = { name: 'x', projectId: 'p', appId: 'a', region: 'eu' as const, keyId: 'k', variables: {}, conversationUrl: 'https://127.0.0.1:1', authUrl: 'http://192.0.2.1/token' };
      const api = new ConversationApi({ environment: env, keySecret: 'never-leaves', dispatcher, tokens: new TokenCache(dispatcher) });
      await assert.rejects(api.send({}), /uses plain http/);
    } finally {
      await dispatcher.close();
    }
  });

  it('goes through an explicit proxy (VS Code http.proxy), and around it for NO_PROXY hosts', async () => {
    const fake = await FakeConversationApi.start();
    const proxy = await startLocalProxy();
    const via = createDispatcher({ proxy: proxy.url, noProxy: '' });
    const around = createDispatcher({ proxy: proxy.url, noProxy: '127.0.0.1' });
    try {
      const api = new ConversationApi({ environment: fake.environment(), keySecret: fake.options.keySecret, dispatcher: via, tokens: new TokenCache(via) });
      const app = await api.getApp();
      assert.equal(app.id, fake.options.appId);
      assert.ok(proxy.seen.length >= 2, proxy.seen.join('\n'));
      assert.ok(proxy.seen.every((line) => line.includes(`127.0.0.1:${fake.port}`)), proxy.seen.join('\n'));
      const before = proxy.seen.length;
      const direct = new ConversationApi({ environment: fake.environment(), keySecret: fake.options.keySecret, dispatcher: around, tokens: new TokenCache(around) });
      await direct.getApp();
      assert.equal(proxy.seen.length, before, 'NO_PROXY host went direct');
      assert.equal(fake.requestsTo('getApp').length, 2);
    } finally {
      await via.close();
      await around.close();
      await proxy.close();
      await fake.close();
    }
  });

  it('honours HTTPS_PROXY / HTTP_PROXY from the environment', async () => {
    const fake = await FakeConversationApi.start();
    const proxy = await startLocalProxy();
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.http_proxy;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const dispatcher = createDispatcher();
    try {
      const response = await httpRequest(dispatcher, { method: 'GET', url: `${fake.url}/v1/projects/x/apps/y` });
      assert.equal(response.status, 401);
      assert.equal(proxy.seen.length, 1, proxy.seen.join('\n'));
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      await dispatcher.close();
      await proxy.close();
      await fake.close();
    }
  });
});

describe('Media pre-flight shares the HTTP client', () => {
  it('goes through the same proxy settings as the Conversation API client', async () => {
    const { createServer } = await import('node:http');
    const { MediaProbe } = await import('../../../src/core/media/mediaProbe');
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100' });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(100));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const proxy = await startLocalProxy();
    // The target is a loopback test server, which media pre-flight refuses unless private addresses are allowed.
    const probe = new MediaProbe({ proxy: proxy.url, noProxy: '', timeoutMs: 3000, allowPrivateAddresses: true });
    try {
      const outcome = await probe.probe({ url: `http://127.0.0.1:${port}/a.png`, wantDimensions: false });
      assert.equal(outcome.notModified, false);
      assert.equal(outcome.notModified === false && outcome.facts.failure, undefined);
      assert.ok(proxy.seen.some((line) => line.includes(`127.0.0.1:${port}`)), proxy.seen.join('\n'));
    } finally {
      await probe.close();
      await proxy.close();
      server.close();
    }
  });
});
