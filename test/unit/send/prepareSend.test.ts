import * as assert from 'node:assert/strict';
import { describeApiError, parseRetryAfter } from '../../../src/core/conversation/apiErrors';
import { parseEnvironments } from '../../../src/core/conversation/environment';
import { describeRecipient, prepareSend } from '../../../src/core/send/prepareSend';
import { Redactor, redactHeaders } from '../../../src/core/send/redact';
import { curlSnippet, sdkSnippet } from '../../../src/core/send/snippets';
import { fromRecord, resolveVariables, unresolvedMessage } from '../../../src/core/send/variables';
import { cardPayload, textPayload } from './sendSupport';

describe('Preparing a send: check, variables, resolved check', () => {
  it('fills placeholders from the environment variables first, then the process environment, escaping for JSON', () => {
    const text = '{"a":"{{GREETING}}, {{ NAME }}!","b":"{{GREETING}}"}';
    const r = resolveVariables(text, [
      { name: 'environment "dev"', lookup: fromRecord({ GREETING: 'Say "hi"\n' }) },
      { name: 'process', lookup: (n) => ({ NAME: 'Ann', GREETING: 'ignored' })[n] },
    ]);
    assert.deepEqual(JSON.parse(r.text), { a: 'Say "hi"\n, Ann!', b: 'Say "hi"\n' });
    assert.deepEqual(r.used, [{ name: 'GREETING', from: 'environment "dev"' }, { name: 'NAME', from: 'process' }]);
    assert.deepEqual(r.missing, []);
  });

  it('names every unresolved variable once and sends nothing', () => {
    const text = textPayload('{{APP}}', '{{A}} {{B}} {{A}}');
    const prepared = prepareSend(text, [{ name: 'env', lookup: fromRecord({ B: 'b' }) }]);
    assert.equal(prepared.ok, false);
    assert.ok(!prepared.ok);
    assert.equal(prepared.stage, 'variables');
    assert.deepEqual(prepared.missing, ['APP', 'A']);
    assert.equal(unresolvedMessage(prepared.missing, 'in the environment'), 'Nothing was sent: 2 variables are not defined: {{APP}}, {{A}}. Define them in the environment.');
  });

  it('stops on an error in the payload as written', () => {
    const prepared = prepareSend(cardPayload('app', 'x'.repeat(41)), []);
    assert.ok(!prepared.ok);
    assert.equal(prepared.stage, 'check');
    assert.ok(prepared.errors.some((d) => d.pointer === '/message/card_message/title'), JSON.stringify(prepared.errors));
  });

  it('checks again once the values are in: a variable can push a title past 40', () => {
    const text = cardPayload('app', 'Order {{ORDER}} is ready');
    assert.ok(prepareSend(text, [{ name: 'v', lookup: fromRecord({ ORDER: '42' }) }]).ok);
    const prepared = prepareSend(text, [{ name: 'v', lookup: fromRecord({ ORDER: '1234567890-1234567890-12345' }) }]);
    assert.ok(!prepared.ok);
    assert.equal(prepared.stage, 'resolved-check');
    assert.ok(prepared.errors.some((d) => d.pointer === '/message/card_message/title' && /40/.test(d.message)), JSON.stringify(prepared.errors));
  });

  it('describes the recipient', () => {
    assert.equal(describeRecipient(JSON.parse(textPayload('a'))), 'LINE U4623f0a8b57a0b1a2a4e5bb56e1b5e11');
    assert.equal(describeRecipient({ recipient: { contact_id: 'C1' } }), 'contact C1');
  });

  it('reads environments from settings, naming the entries it leaves out', () => {
    const parsed = parseEnvironments([
      { name: 'dev', projectId: 'p', appId: 'a', region: 'eu', keyId: 'k', variables: { N: 1, S: 'x', O: {} } },
      { name: 'bad', projectId: 'p', appId: 'a', region: 'asia', keyId: 'k' },
      { name: 'half' },
      { name: 'dev', projectId: 'p', appId: 'a', region: 'us', keyId: 'k' },
      'text',
    ]);
    assert.deepEqual(parsed.environments, [{ name: 'dev', projectId: 'p', appId: 'a', region: 'eu', keyId: 'k', variables: { N: '1', S: 'x' } }]);
    assert.equal(parsed.problems.length, 4);
    assert.match(parsed.problems[0], /\[1\] \("bad"\): region must be one of us, eu, br/);
    assert.match(parsed.problems[1], /\[2\] lacks projectId, appId, keyId/);
  });

  it('parses Retry-After as seconds or a date', () => {
    assert.equal(parseRetryAfter('12'), 12);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 0), 10);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it('reads an error body that is not the API JSON without failing', () => {
    const e = describeApiError(502, '<html>Bad gateway</html>', { action: 'send the message' });
    assert.match(e.message, /^Could not send the message: HTTP 502 — "<html>Bad gateway<\/html>"\. The API failed on its side/);
  });

  it('redacts secrets and authorization values', () => {
    const r = new Redactor().add('topsecret', 'ab');
    assert.equal(r.redact('Authorization: Bearer tok_123.abc and topsecret; ab stays'), 'Authorization: Bearer *** and ***; ab stays');
    assert.deepEqual(redactHeaders({ Authorization: 'Bearer tok', accept: 'x' }), { Authorization: 'Bearer ***', accept: 'x' });
  });

  it('writes the send as cURL with $SINCH_TOKEN and the line that gets it, and as a Sinch SDK call', () => {
    const env = { projectId: 'proj', keyId: 'key-1', region: 'br' as const };
    const body = { app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: "it's" } } };
    const curl = curlSnippet(env, body);
    assert.match(curl, /SINCH_TOKEN=\$\(curl -s -X POST 'https:\/\/auth\.sinch\.com\/oauth2\/token' -u 'key-1'":\$SINCH_KEY_SECRET" -d grant_type=client_credentials \| jq -r \.access_token\)/);
    assert.match(curl, /curl -X POST 'https:\/\/br\.conversation\.api\.sinch\.com\/v1\/projects\/proj\/messages:send'/);
    assert.match(curl, /-H "Authorization: Bearer \$SINCH_TOKEN"/);
    assert.match(curl, /it'\\''s/);
    const sdk = sdkSnippet(env, body);
    assert.match(sdk, /import \{ SinchClient \} from '@sinch\/sdk-core';/);
    assert.match(sdk, /new SinchClient\(\{\n  projectId: "proj",\n  keyId: "key-1",\n  keySecret: process\.env\.SINCH_KEY_SECRET,\n  conversationRegion: "br",\n\}\)/);
    assert.match(sdk, /await sinch\.conversation\.messages\.send\(\{ sendMessageRequestBody \}\)/);
    const declared = /const sendMessageRequestBody = ([\s\S]*?);\n\nconst response/.exec(sdk)![1];
    assert.deepEqual(JSON.parse(declared), body);
  });
});

describe('Sent message timeline text', () => {
  it('reads "sent → queued on channel → replied", naming a failure reason', async () => {
    const { timelineOf } = await import('../../../src/core/history/timelineText');
    const at = '2026-11-29T10:00:00Z';
    assert.equal(timelineOf({ messageId: 'M', events: [{ at, kind: 'queued', summary: '' }, { at, kind: 'reply', summary: 'Reply: "hi"' }] }), 'sent → queued on channel → replied');
    assert.equal(timelineOf({ messageId: 'M', events: [{ at, kind: 'failed', summary: '', reason: { code: 'RECIPIENT_NOT_REACHABLE' } }] }), 'sent → failed: RECIPIENT_NOT_REACHABLE');
    assert.equal(timelineOf({ events: [] }), 'not sent');
  });
});
