import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';
import type { CallbackRecord } from '../../../src/core/webhook/callbackRecord';
import { ContactOptStates } from '../../../src/core/webhook/contactOptStates';
import { type Listener, PortInUseError, start } from '../../../src/core/webhook/listener';
import { computeSignature, signaturesEqual } from '../../../src/core/webhook/signature';
import { post, startServer } from '../../support/httpPost';
import { specExamples } from '../core/testSupport';

/** What the listener must make of each callback example of the spec page. */
const expected: Record<string, { trigger: string; summary: string | RegExp; kind: string }> = {
  '02-callback-opt-in.json': { trigger: 'OPT_IN', summary: 'Opt-in: added the bot as a friend (U4623…)', kind: 'opt-in' },
  '03-callback-contact-create.json': { trigger: 'CONTACT_CREATE', summary: 'Contact created: 01FM9JPMVY8ZDXP8MN4ABCDEFG (LINE U4623…)', kind: 'contact-create' },
  '05-callback-inbound-text.json': { trigger: 'MESSAGE_INBOUND', summary: 'Inbound text from U4623…: "Text MO"', kind: 'inbound-text' },
  '06-callback-inbound-location.json': { trigger: 'MESSAGE_INBOUND', summary: 'Inbound location from U4623…: HarbourFront Tower 2, 3 HarbourFront Place 099254 Singapore (1.2646714, 103.818726)', kind: 'inbound-location' },
  '07-callback-inbound-media.json': { trigger: 'MESSAGE_INBOUND', summary: 'Inbound media from U4623…: 01FM6Z6KDK5NP01FHQG123456.jpg (URL expires 2021-11-18)', kind: 'inbound-media' },
  '08-callback-inbound-choice-response.json': { trigger: 'MESSAGE_INBOUND', summary: 'Choice reply from U4623…: postback "movieId=1234&actionId=101" to message 01FM6ZGXT36AMA0QBB9ABCDEFG', kind: 'inbound-choice' },
  '09-callback-delivery-queued-on-channel.json': { trigger: 'MESSAGE_DELIVERY', summary: 'Delivery QUEUED_ON_CHANNEL for message 01FM6ZGXT36AMA0QBB9VABCDEFG to U4623…', kind: 'delivery-queued-on-channel' },
  '10-callback-delivery-failed.json': {
    trigger: 'MESSAGE_DELIVERY',
    summary: 'Delivery FAILED: MEDIA_NOT_REACHABLE — The provided media [https://www.url.com/samples/picture.jpg] could not be reached: [Not Found]',
    kind: 'delivery-failed',
  },
  '11-callback-opt-out-blocked.json': { trigger: 'OPT_OUT', summary: 'Opt-out: blocked the bot (U4623…)', kind: 'opt-out' },
  '12-callback-opt-in-unblocked.json': { trigger: 'OPT_IN', summary: 'Opt-in: unblocked the bot (U4623…)', kind: 'opt-in' },
  '13-callback-unsupported-video-play-complete.json': { trigger: 'UNSUPPORTED', summary: 'Video play complete: my-unique-tracking-id (U4623…)', kind: 'video-play-complete' },
};

const callbackExamples = () => specExamples().filter((e) => e.name.includes('callback'));

/** A listener on a free loopback port that keeps what it records. */
async function listen(options: Partial<Parameters<typeof start>[0]> = {}): Promise<Listener & { records: CallbackRecord[]; next(): Promise<CallbackRecord> }> {
  const records: CallbackRecord[] = [];
  const waiting: ((r: CallbackRecord) => void)[] = [];
  const listener = await start({
    port: 0,
    ...options,
    onRecord: (r) => {
      records.push(r);
      options.onRecord?.(r);
      waiting.shift()?.(r);
    },
  });
  let taken = 0;
  return Object.assign(listener, {
    records,
    next: () => (taken < records.length ? Promise.resolve(records[taken++]!) : new Promise<CallbackRecord>((resolve) => waiting.push((r) => (taken++, resolve(r))))),
  });
}

/** Sinch's signature computed here, independently of src/core/webhook/signature.ts. */
function sign(secret: string, body: string, nonce: string, timestamp: number) {
  const signature = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from(`.${nonce}.${timestamp}`)])).digest('base64');
  return {
    'x-sinch-webhook-signature': signature,
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-timestamp': String(timestamp),
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  };
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('webhook listener', function () {
  this.timeout(60_000);

  describe('the spec page callbacks, posted over HTTP', () => {
    it('has an expectation for every callback example on the page', () => {
      assert.deepEqual(callbackExamples().map((e) => e.name).sort(), Object.keys(expected).sort());
    });

    it('accepts each one with its trigger, summary and the JSON as sent', async () => {
      const optStates = new ContactOptStates();
      const l = await listen({
        explainContext: { optedOutBefore: (c, i) => optStates.optedOut(c, i) !== undefined },
        onRecord: (r) => optStates.observe(r),
      });
      try {
        for (const example of callbackExamples()) {
          const response = await post(`${l.url}callbacks/sinch`, example.text);
          assert.equal(response.status, 200, example.name);
          const record = await l.next();
          const want = expected[example.name]!;
          assert.equal(record.trigger, want.trigger, example.name);
          assert.equal(record.summary, want.summary, example.name);
          assert.equal(record.details?.kind, want.kind, example.name);
          assert.equal(record.accepted, true);
          assert.equal(record.signature, 'unchecked');
          assert.equal(record.path, '/callbacks/sinch');
          assert.equal(record.rawBody, example.text, 'the body is stored byte for byte');
          assert.deepEqual(JSON.parse(record.rawBody), JSON.parse(example.text));
        }
        const byName = (n: string) => l.records[callbackExamples().findIndex((e) => e.name === n)]!;
        assert.equal(byName('07-callback-inbound-media.json').details?.mediaExpiresAt, '2021-11-18T07:43:09.275Z');
        assert.equal(byName('10-callback-delivery-failed.json').details?.reason?.code, 'MEDIA_NOT_REACHABLE');
        assert.equal(byName('10-callback-delivery-failed.json').messageId, '01FM6ZS949X61P607KA1BACDEFG');
        assert.equal(byName('05-callback-inbound-text.json').conversationId, '01FHZFQF598ZX723CHRW123456');
        const video = byName('13-callback-unsupported-video-play-complete.json');
        assert.equal(video.details?.trackingId, 'my-unique-tracking-id');
        assert.equal((video.details?.decodedPayload as { events: { type: string }[] }).events[0]!.type, 'videoPlayComplete', 'the inner LINE JSON is parsed');
        assert.equal(optStates.optedOut('01FHZFNK0R9FG8WJK7ABCDEFG', undefined), undefined, 'the unblock cleared the opt-out');
      } finally {
        await l.close();
      }
    });

    it('keeps several kinds, unknown kinds and bodies with no kind, and shows them', async () => {
      const l = await listen();
      try {
        await post(l.url, JSON.stringify({ app_id: 'A', brand_new_notification: { x: 1 } }));
        let r = await l.next();
        assert.equal(r.trigger, 'UNKNOWN');
        assert.deepEqual(r.kindKeys, ['brand_new_notification']);
        assert.equal(r.summary, 'Unknown callback kind "brand_new_notification" (kept as received)');
        assert.equal(r.accepted, true);

        await post(l.url, JSON.stringify({ brand_new_notification: {}, message_delivery_report: { message_id: 'M1', status: 'DELIVERED' } }));
        r = await l.next();
        assert.equal(r.trigger, 'MESSAGE_DELIVERY');
        assert.deepEqual(r.kindKeys, ['brand_new_notification', 'message_delivery_report']);
        assert.equal(r.summary, 'Delivery DELIVERED for message M1 (+ brand_new_notification)');

        await post(l.url, JSON.stringify({ app_id: 'A', accepted_time: '2021-01-01T00:00:00Z' }));
        r = await l.next();
        assert.equal(r.summary, 'Callback with no kind (only envelope fields)');

        await post(l.url, JSON.stringify({ unsupported_callback: { channel: 'LINE', payload: '{not json' } }));
        r = await l.next();
        assert.equal(r.summary, 'Unsupported LINE callback (its payload is not JSON)');
      } finally {
        await l.close();
      }
    });
  });

  describe('signatures', () => {
    const secret = 'test-webhook-secret-Ω';
    const body = callbackExamples().find((e) => e.name.includes('inbound-text'))!.text;

    it('computes the same signature as node:crypto over the SDK test vector’s secret, nonce and timestamp', () => {
      const again = createHmac('sha256', 'foo_secret1234').update('{"a":1}.01FJA8B4A7BM43YGWSG9GBV067.1634579353').digest('base64');
      const ours = computeSignature('foo_secret1234', Buffer.from('{"a":1}'), '01FJA8B4A7BM43YGWSG9GBV067', '1634579353');
      assert.ok(signaturesEqual(again, ours));
      assert.ok(!signaturesEqual(again, computeSignature('foo_secret1234', Buffer.from('{"a":2}'), '01FJA8B4A7BM43YGWSG9GBV067', '1634579353')));
    });

    it('accepts a good signature and refuses forged, missing, stale, future and replayed ones with 401 and a reason', async () => {
      // The listener's clock fixed: signed "an hour ago" must read 3,600 s old even when a second ticks between
      // signing and judging.
      const now = nowSeconds();
      const l = await listen({ secret, nowSeconds: () => now });
      try {
        const nonce = randomBytes(12).toString('hex');
        const good = sign(secret, body, nonce, now);
        assert.equal((await post(l.url, body, good)).status, 200);
        assert.equal((await l.next()).signature, 'verified');

        const cases: [string, Record<string, string>, string][] = [
          ['forged', sign('another-secret', body, 'n-forged', now), 'signature does not match the secret'],
          ['body changed', sign(secret, body.replace('Text MO', 'Text M0'), 'n-changed', now), 'signature does not match the secret'],
          ['missing', {}, 'no signature headers'],
          ['junk after a good signature', (() => { const h = sign(secret, body, 'n-junk', now); return { ...h, 'x-sinch-webhook-signature': `${h['x-sinch-webhook-signature']}!` }; })(), 'signature does not match the secret'],
          ['no nonce', (({ 'x-sinch-webhook-signature-nonce': _n, ...rest }) => rest)(sign(secret, body, 'x', now)), 'no x-sinch-webhook-signature-nonce header'],
          ['stale', sign(secret, body, 'n-stale', now - 3600), 'timestamp 3,600 s old'],
          ['future', sign(secret, body, 'n-future', now + 600), 'timestamp 600 s in the future'],
          ['replayed', good, 'nonce used before'],
        ];
        for (const [what, headers, reason] of cases) {
          const response = await post(l.url, body, headers);
          assert.equal(response.status, 401, what);
          assert.equal(JSON.parse(response.body).error, reason, what);
          const r = await l.next();
          assert.equal(r.accepted, false, what);
          assert.equal(r.signature, 'rejected', what);
          assert.equal(r.rejectReason, reason, what);
          assert.equal(r.rawBody, body, `${what}: the refused body is kept for debugging`);
        }
        // Within five minutes either way is fine; a forged request did not use up its nonce.
        assert.equal((await post(l.url, body, sign(secret, body, 'n-forged', now - 290))).status, 200);
        assert.equal((await post(l.url, body, sign(secret, body, 'n-soon', now + 290))).status, 200);
      } finally {
        await l.close();
      }
    });

    it('reads the secret on every request, so a secret set while running applies at once', async () => {
      let current: string | undefined;
      const l = await listen({ secret: () => current });
      try {
        assert.equal((await post(l.url, body)).status, 200);
        current = secret;
        assert.equal((await post(l.url, body)).status, 401);
        assert.equal((await post(l.url, body, sign(secret, body, 'n1', nowSeconds()))).status, 200);
      } finally {
        await l.close();
      }
    });
  });

  describe('bad input', () => {
    it('answers 400, 405 and 413, records each with its reason, and keeps going', async () => {
      const l = await listen({ maxBodyBytes: 1024 * 1024 });
      try {
        let r = await post(l.url, '{"message": ');
        assert.equal(r.status, 400);
        assert.match((await l.next()).rejectReason!, /^invalid JSON: /);

        r = await post(l.url, '');
        assert.equal(r.status, 400);
        assert.equal((await l.next()).rejectReason, 'empty body');

        r = await post(l.url, '[1,2]');
        assert.equal(r.status, 400);
        assert.equal((await l.next()).rejectReason, 'the body is an array, not a callback object');

        r = await post(l.url, '', {}, { method: 'GET' });
        assert.equal(r.status, 405);
        assert.equal(r.headers.allow, 'POST');
        assert.equal((await l.next()).rejectReason, 'method GET not allowed; Sinch callbacks are POST');

        r = await post(l.url, Buffer.alloc(1024 * 1024 + 1, 0x20));
        assert.equal(r.status, 413);
        const big = await l.next();
        assert.equal(big.status, 413);
        assert.match(big.rejectReason!, /1048577 bytes is over the 1048576-byte limit/);

        r = await post(l.url, '{"message":{}}');
        assert.equal(r.status, 200, 'still answering');
      } finally {
        await l.close();
      }
    });

    it('stops reading a chunked body at the limit instead of taking it all in', async () => {
      const l = await listen({ maxBodyBytes: 64 * 1024 });
      try {
        let written = 0;
        const status = await new Promise<number>((resolve, reject) => {
          const request = http.request(l.url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, agent: false }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', (e) => (written > 64 * 1024 ? resolve(-1) : reject(e)));
          const chunk = Buffer.alloc(16 * 1024, 0x20);
          const pump = () => {
            while (written < 64 * 1024 * 1024) {
              written += chunk.length;
              if (!request.write(chunk)) return void request.once('drain', pump);
            }
            request.end();
          };
          pump();
        });
        assert.ok(status === 413 || status === -1, `413 or a closed connection, got ${status}`);
        const r = await l.next();
        assert.equal(r.status, 413);
        assert.ok(r.rawBody.length <= 4096, 'the stored head of the body is bounded');
        assert.ok(written < 64 * 1024 * 1024, 'the client was cut off well before it sent 64 MiB');
      } finally {
        await l.close();
      }
    });

    it('survives garbage on the socket and half-sent requests', async () => {
      const l = await listen();
      try {
        for (const garbage of ['\x00\x01\x02 nonsense\r\n\r\n', 'POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"incomplete']) {
          await new Promise<void>((resolve) => {
            const socket = net.connect(l.port, '127.0.0.1', () => {
              socket.write(garbage);
              setTimeout(() => socket.destroy(), 50);
            });
            socket.on('error', () => {});
            socket.on('close', () => resolve());
          });
        }
        assert.equal((await post(l.url, '{"message":{}}')).status, 200);
      } finally {
        await l.close();
      }
    });

    it('names the busy port', async () => {
      const first = await listen();
      try {
        await assert.rejects(start({ port: first.port, onRecord: () => {} }), (error: unknown) => {
          assert.ok(error instanceof PortInUseError);
          assert.equal(error.message, `port ${first.port} on 127.0.0.1 is already in use (another listener, or another program)`);
          return true;
        });
      } finally {
        await first.close();
      }
    });
  });

  describe('forwarding', () => {
    it('re-posts the raw body and Sinch headers so the handler’s own signature check passes, and records its status and latency', async () => {
      const secret = 'shared-secret';
      const seen: { ok: boolean; body: string }[] = [];
      const handler = await startServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          const raw = Buffer.concat(chunks);
          const h = request.headers as Record<string, string>;
          const expectedSignature = createHmac('sha256', secret).update(raw).update(`.${h['x-sinch-webhook-signature-nonce']}.${h['x-sinch-webhook-signature-timestamp']}`).digest('base64');
          const ok = expectedSignature === h['x-sinch-webhook-signature'];
          seen.push({ ok, body: raw.toString('utf8') });
          response.writeHead(ok ? 202 : 403, { 'content-type': 'text/plain' });
          response.end(ok ? 'handled' : 'bad signature');
        });
      });
      const l = await listen({ secret, forwardTo: `${handler.url}/webhook` });
      try {
        // Odd spacing and a non-ASCII character: any re-serialisation would break the handler's check.
        const body = '{ "message" : {"contact_message":{"text_message":{"text":"こんにちは  😀"}}}}';
        const response = await post(`${l.url}`, body, sign(secret, body, 'fwd-1', nowSeconds()));
        assert.equal(response.status, 202, 'Sinch sees the handler’s answer');
        assert.equal(response.body, 'handled');
        const r = await l.next();
        assert.deepEqual(seen, [{ ok: true, body }]);
        assert.equal(r.forward?.status, 202);
        assert.equal(r.forward?.url, `${handler.url}/webhook`);
        assert.ok(typeof r.forward?.latencyMs === 'number' && r.forward.latencyMs >= 0);

        // A refused callback is not forwarded.
        await post(l.url, body, sign('wrong', body, 'fwd-2', nowSeconds()));
        assert.equal((await l.next()).forward, undefined);
        assert.equal(seen.length, 1);
      } finally {
        await l.close();
        await handler.close();
      }
    });

    it('answers 502 and records why when the handler is down', async () => {
      const handler = await startServer(() => {});
      const downUrl = `${handler.url}/gone`;
      await handler.close();
      const l = await listen({ forwardTo: downUrl });
      try {
        const response = await post(l.url, '{"message":{}}');
        assert.equal(response.status, 502);
        const r = await l.next();
        assert.equal(r.accepted, true);
        assert.match(r.forward!.error!, /connection refused by 127\.0\.0\.1:\d+/);
      } finally {
        await l.close();
      }
    });
  });

  describe('fuzz and load', () => {
    it('answers thousands of random bodies without crashing, then still accepts callbacks', async () => {
      const l = await listen({ secret: undefined });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
      try {
        let seed = 42;
        const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', 'message', '"message"', '\\u0000', '\u{1F600}', '1e999', 'opt_in_notification', '{"unsupported_callback":{"payload":"', ' '];
        const bodies = Array.from({ length: 3000 }, (_, i) => {
          if (i % 3 === 0) return randomBytes(Math.floor(random() * 300));
          return Buffer.from(Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
        });
        const statuses = new Map<number, number>();
        for (let i = 0; i < bodies.length; i += 50) {
          const batch = await Promise.all(bodies.slice(i, i + 50).map((b) => post(l.url, b, {}, { agent })));
          for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
        const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
        assert.equal(answered, bodies.length);
        assert.deepEqual([...statuses.keys()].filter((s) => s !== 200 && s !== 400), [], 'only 200 (a JSON object) or 400');
        assert.equal(l.records.length, bodies.length, 'every request recorded');
        assert.equal(l.records.filter((r) => r.accepted).length, statuses.get(200) ?? 0);
        assert.ok(l.records.every((r) => typeof r.summary === 'string' && r.summary.length > 0 && r.summary.length <= 240));
        assert.equal((await post(l.url, callbackExamples()[0]!.text)).status, 200);
      } finally {
        agent.destroy();
        await l.close();
      }
    });

    it('loses no valid callback among thousands of concurrent signed posts', async () => {
      const secret = 'load-secret';
      const l = await listen({ secret });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
      try {
        const examples = callbackExamples();
        const total = 4000;
        const results = await (async () => {
          const out: number[] = [];
          let next = 0;
          await Promise.all(
            Array.from({ length: 50 }, async () => {
              while (next < total) {
                const i = next++;
                const body = examples[i % examples.length]!.text;
                // Every tenth is forged: those must be refused, the rest all kept.
                const headers = sign(i % 10 === 9 ? 'forged' : secret, body, `load-${i}`, nowSeconds());
                out[i] = (await post(l.url, body, headers, { agent })).status;
              }
            }),
          );
          return out;
        })();
        assert.equal(results.filter((s) => s === 200).length, total * 0.9);
        assert.equal(results.filter((s) => s === 401).length, total * 0.1);
        assert.equal(l.records.filter((r) => r.accepted).length, total * 0.9, 'no valid callback lost');
        assert.equal(new Set(l.records.map((r) => r.id)).size, total, 'ids unique');
        const nonces = new Set(l.records.filter((r) => r.accepted).map((r) => r.headers['x-sinch-webhook-signature-nonce']));
        assert.equal(nonces.size, total * 0.9);
      } finally {
        agent.destroy();
        await l.close();
      }
    });
  });
});
