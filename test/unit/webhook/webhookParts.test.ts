import * as assert from 'node:assert/strict';
import { SentMessageLog, type SentMessage } from '../../../src/core/history/sentMessages';
import { linkCallback } from '../../../src/core/history/timeline';
import type { CallbackRecord } from '../../../src/core/webhook/callbackRecord';
import { CallbackStore } from '../../../src/core/webhook/callbackStore';
import { ContactOptStates } from '../../../src/core/webhook/contactOptStates';
import { explainCallback } from '../../../src/core/webhook/explainCallback';
import { ngrokUrlFor } from '../../../src/core/webhook/ngrok';
import { NonceMemory } from '../../../src/core/webhook/verifySignature';
import { startServer } from '../../support/httpPost';
import { specExamples } from '../core/testSupport';

const spec = (part: string) => specExamples().find((e) => e.name.includes(part))!.text;

/** A record as the listener makes it from a body. */
function recordOf(body: string, id = 'r1'): CallbackRecord {
  const e = explainCallback(JSON.parse(body));
  return { id, receivedAt: new Date().toISOString(), method: 'POST', path: '/', headers: {}, rawBody: body, status: 200, accepted: true, signature: 'unchecked', ...e };
}

function sent(id: string, extra: Partial<SentMessage> = {}): SentMessage {
  return { id, sentAt: '2021-11-11T07:48:46Z', environment: 'dev', projectId: 'P', appId: 'A', region: 'eu', recipient: 'contact', request: { method: 'POST', url: 'https://eu.conversation.api.sinch.com/v1/projects/P/messages:send', body: {} }, events: [], ...extra };
}

describe('webhook parts', () => {
  describe('timeline linking', () => {
    it('links delivery reports by message_id and replies by conversation: sent → queued → replied; FAILED carries its reason', () => {
      const log = new SentMessageLog();
      log.add(sent('s1', { messageId: '01FM6ZGXT36AMA0QBB9VABCDEFG' }));
      log.add(sent('s2', { messageId: '01FM6ZS949X61P607KA1BACDEFG' }));
      const queued = linkCallback(recordOf(spec('queued-on-channel'), 'q'), log)!;
      assert.equal(queued.sentId, 's1');
      assert.equal(queued.event.kind, 'queued');
      assert.equal(queued.event.callbackId, 'q');
      assert.equal(queued.event.at, '2021-11-11T07:48:47.851947Z');
      log.attach(queued.sentId, queued.event, queued.learned);
      assert.equal(log.get('s1')!.conversationId, '01FHZFQF598ZX723CHRABCDEFG', 'the conversation is learned from the report');

      const failed = linkCallback(recordOf(spec('delivery-failed'), 'f'), log)!;
      assert.equal(failed.sentId, 's2');
      assert.equal(failed.event.kind, 'failed');
      assert.equal(failed.event.reason?.code, 'MEDIA_NOT_REACHABLE');

      // A reply in the conversation learned from the queued report goes to s1.
      const text = JSON.parse(spec('inbound-text'));
      text.message.conversation_id = '01FHZFQF598ZX723CHRABCDEFG';
      text.message.contact_id = 'unknown-contact';
      const reply = linkCallback(recordOf(JSON.stringify(text), 't'), log)!;
      assert.equal(reply.sentId, 's1');
      assert.equal(reply.event.kind, 'reply');
      assert.equal(reply.event.summary, 'Inbound text from U4623…: "Text MO"');

      // A reply to nothing we sent is not linked; nor is a refused record.
      assert.equal(linkCallback(recordOf(spec('inbound-location')), new SentMessageLog()), undefined);
      assert.equal(linkCallback({ ...recordOf(spec('queued-on-channel')), accepted: false }, log), undefined);
    });

    it('links a choice reply by the message it answers and a video-play-complete by its tracking id', () => {
      const log = new SentMessageLog();
      log.add(sent('choice', { messageId: '01FM6ZGXT36AMA0QBB9ABCDEFG' }));
      log.add(sent('video', { request: { method: 'POST', url: 'u', body: { channel_properties: { LINE_VIDEO_TRACKING_ID: 'my-unique-tracking-id' } } } }));
      assert.equal(linkCallback(recordOf(spec('choice-response')), log)?.sentId, 'choice');
      const played = linkCallback(recordOf(spec('video-play-complete')), log)!;
      assert.equal(played.sentId, 'video');
      assert.equal(played.event.summary, 'Video play complete: my-unique-tracking-id (U4623…)');
    });
  });

  describe('stores', () => {
    it('keeps at most its limit of callbacks, newest first, and drops what storage held that is not a record', () => {
      const store = new CallbackStore(3, [recordOf(spec('opt-in.json'), 'old'), { junk: true }, null]);
      assert.deepEqual(store.list().map((r) => r.id), ['old']);
      for (const id of ['a', 'b', 'c']) store.add(recordOf(spec('inbound-text'), id));
      assert.deepEqual(store.list().map((r) => r.id), ['c', 'b', 'a']);
      store.limit = 2;
      assert.deepEqual(store.list().map((r) => r.id), ['c', 'b']);
      store.clear();
      assert.equal(store.size, 0);
    });

    it('knows who opted out and has not opted in since', () => {
      const states = new ContactOptStates();
      states.observe(recordOf(spec('opt-out-blocked'), 'out'));
      const out = states.optedOut('01FHZFNK0R9FG8WJK7ABCDEFG', undefined);
      assert.equal(out?.callbackId, 'out');
      assert.equal(out?.at, '2021-11-11T07:55:08.188Z');
      assert.equal(states.optedOut(undefined, 'U4623a753d8b73729616514427123456')?.callbackId, 'out', 'found by LINE identity too');
      assert.equal(states.optedOut('someone-else', undefined), undefined);
      const again = new ContactOptStates(10, states.list());
      again.observe(recordOf(spec('opt-in-unblocked'), 'in'));
      assert.equal(again.optedOut('01FHZFNK0R9FG8WJK7ABCDEFG', 'U4623a753d8b73729616514427123456'), undefined);
    });

    it('remembers a bounded number of nonces, and forgets those whose timestamps would be refused anyway', () => {
      const nonces = new NonceMemory(100);
      for (let i = 0; i < 1000; i++) nonces.remember(`n${i}`, 1000);
      assert.equal(nonces.size, 100);
      assert.ok(nonces.has('n999', 1000));
      assert.ok(!nonces.has('n0', 1000));
      assert.ok(!nonces.has('n999', 1000 + 601));
      nonces.remember('late', 1000 + 601);
      assert.equal(nonces.size, 1, 'expired nonces are dropped');
    });
  });

  describe('ngrok discovery', () => {
    it('offers the https URL of the tunnel to our port from a local agent’s API, and nothing when none runs', async () => {
      const agent = await startServer((request, response) => {
        assert.equal(request.url, '/api/tunnels');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            tunnels: [
              { public_url: 'https://other.ngrok-free.app', proto: 'https', config: { addr: 'http://localhost:3000' } },
              { public_url: 'http://abc.ngrok-free.app', proto: 'http', config: { addr: 'http://localhost:8855' } },
              { public_url: 'https://abc.ngrok-free.app', proto: 'https', config: { addr: 'http://localhost:8855' } },
            ],
          }),
        );
      });
      try {
        assert.equal(await ngrokUrlFor(8855, agent.url), 'https://abc.ngrok-free.app/');
        assert.equal(await ngrokUrlFor(9999, agent.url), undefined);
      } finally {
        await agent.close();
      }
      assert.equal(await ngrokUrlFor(8855, agent.url), undefined, 'no agent: no URL, no error');
    });
  });

  describe('summaries of other kinds', () => {
    it('explains inbound kinds, events and contact changes in one line, and never throws on odd shapes', () => {
      const cases: [unknown, string][] = [
        [{ event_delivery_report: { event_id: 'E1', status: 'DELIVERED' } }, 'Event delivery DELIVERED for message E1'],
        [{ conversation_start_notification: { conversation: { id: 'C9' } } }, 'Conversation started: C9'],
        [{ contact_delete_notification: { contact: { id: 'K1' } } }, 'Contact deleted: K1'],
        [{ message: { direction: 'TO_APP', channel_identity: { identity: 'Uabcdef1234567' }, contact_message: { fallback_message: {} } } }, 'Inbound fallback from Uabcd…'],
        [{ opt_out_notification: { channel: 'LINE', status: 'OPT_OUT_FAILED', identity: 'U1' } }, 'Opt-out OPT_OUT_FAILED (U1)'],
        [{ message: 'not an object' }, 'Inbound message from an unknown contact with no content'],
        [{ message_delivery_report: null }, 'Delivery UNKNOWN STATUS'],
        [{ message: { contact_message: { text_message: { text: 'x'.repeat(500) } } } }, `Inbound text from an unknown contact: "${'x'.repeat(80)}…"`],
      ];
      for (const [body, summary] of cases) assert.equal(explainCallback(body).summary, summary, JSON.stringify(body).slice(0, 60));
    });
  });
});
