import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConversationApi, errorBody } from '../../support/fakeConversationApi';
import { cardPayload, textPayload } from '../send/sendSupport';
import { runCli } from './cliProcess';

describe('convapi-line send (built CLI against the fake API)', function () {
  this.timeout(30000);
  let fake: FakeConversationApi;
  let dir: string;
  let env: Record<string, string>;
  let file: string;
  beforeEach(async () => {
    fake = await FakeConversationApi.start();
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-send-'));
    file = join(dir, 'hello.line.json');
    writeFileSync(file, textPayload(fake.options.appId));
    env = {
      SINCH_PROJECT_ID: fake.options.projectId,
      SINCH_KEY_ID: fake.options.keyId,
      SINCH_KEY_SECRET: fake.options.keySecret,
      SINCH_REGION: 'eu',
      SINCH_CONVERSATION_URL: fake.url,
      SINCH_AUTH_URL: fake.authUrl,
    };
  });
  afterEach(async () => {
    assert.deepEqual(fake.violations, []);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends once and prints the API answer on stdout (exit 0)', async () => {
    const r = await runCli(['send', file], env);
    assert.equal(r.code, 0, r.stderr);
    const answer = JSON.parse(r.stdout);
    assert.match(answer.message_id, /^01MSG/);
    assert.match(r.stderr, new RegExp(`Accepted: message_id ${answer.message_id} at .* \\(LINE U4623f0a8b57a0b1a2a4e5bb56e1b5e11, project proj-0001, region eu\\)`));
    assert.equal(fake.requestsTo('send').length, 1);
    assert.deepEqual(JSON.parse(fake.requestsTo('send')[0].body), JSON.parse(textPayload(fake.options.appId)));
  });

  it('takes credentials and variables from --env-file, --var winning over the file', async () => {
    writeFileSync(file, textPayload(fake.options.appId, 'Hi {{NAME}}, order {{ORDER}}'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, Object.entries({ ...env, NAME: 'File', ORDER: '7' }).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
    const r = await runCli(['send', file, '--env-file', envFile, '--var', 'NAME=Ann'], {});
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(fake.requestsTo('send')[0].body).message.text_message.text, 'Hi Ann, order 7');
  });

  it('--json reports success and failure as JSON on stdout', async () => {
    const ok = await runCli(['send', file, '--json'], env);
    assert.equal(ok.code, 0);
    assert.equal(JSON.parse(ok.stdout).ok, true);
    fake.next({ route: 'send', status: 400, body: errorBody(400, 'Invalid recipient') });
    const bad = await runCli(['send', file, '--json'], env);
    assert.equal(bad.code, 1);
    const out = JSON.parse(bad.stdout);
    assert.equal(out.ok, false);
    assert.equal(out.status, 400);
    assert.equal(out.kind, 'api');
    assert.match(out.message, /HTTP 400 INVALID_ARGUMENT — "Invalid recipient"/);
  });

  it('exits 1 with the API message on an API error, and 1 with "timeout" when no answer comes', async () => {
    fake.next({ route: 'send', status: 404, body: errorBody(404, 'App not found') });
    const notFound = await runCli(['send', file], env);
    assert.equal(notFound.code, 1);
    assert.match(notFound.stderr, /HTTP 404 NOT_FOUND — "App not found".*region "eu/);
    assert.equal(notFound.stdout, '');
    fake.next({ route: 'send', delayMs: 3000 });
    const slow = await runCli(['send', file, '--timeout', '400'], env);
    assert.equal(slow.code, 1);
    assert.match(slow.stderr, /No answer from 127\.0\.0\.1:\d+ within 0\.4 s/);
    assert.equal(fake.requestsTo('send').length, 2, 'each attempt sent once, none repeated');
  });

  it('sends nothing (exit 2) for an invalid payload, naming the problem', async () => {
    writeFileSync(file, cardPayload(fake.options.appId, 'T'.repeat(41)));
    const r = await runCli(['send', file], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /hello\.line\.json:\d+:\d+ error .*40/);
    assert.match(r.stderr, /Nothing was sent: The payload has 1 error\./);
    assert.equal(fake.requests.length, 0);
  });

  it('sends nothing (exit 2) when a variable has no value, or pushes the payload past a limit', async () => {
    writeFileSync(file, cardPayload(fake.options.appId, 'Order {{ORDER}} for {{CUSTOMER}}'));
    const missing = await runCli(['send', file], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Nothing was sent: 2 variables are not defined: \{\{ORDER\}\}, \{\{CUSTOMER\}\}/);
    const long = await runCli(['send', file, '--var', 'ORDER=1', '--var', `CUSTOMER=${'x'.repeat(40)}`], env);
    assert.equal(long.code, 2);
    assert.match(long.stderr, /Nothing was sent: With its variables filled in, the payload has 1 error/);
    assert.equal(fake.requests.length, 0);
  });

  it('sends nothing (exit 2) when a credential is missing, naming its variable', async () => {
    for (const name of ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET', 'SINCH_REGION']) {
      const { [name]: _gone, ...rest } = env;
      const r = await runCli(['send', file], rest);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, new RegExp(`Nothing was sent: ${name} is not set`), name);
    }
    const badRegion = await runCli(['send', file], { ...env, SINCH_REGION: 'asia' });
    assert.match(badRegion.stderr, /SINCH_REGION is "asia"; it must be one of us, eu, br/);
    assert.equal(fake.requests.length, 0);
  });

  it('refuses a plain-http remote URL (exit 2) and sends nothing', async () => {
    const r = await runCli(['send', file], { ...env, SINCH_CONVERSATION_URL: 'http://eu.conversation.api.sinch.com' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /SINCH_CONVERSATION_URL "http:\/\/eu\.conversation\.api\.sinch\.com" uses plain http/);
    assert.equal(fake.requests.length, 0);
  });

  it('--dry-run prints method, URL, headers without the token and the resolved body, and sends nothing', async () => {
    writeFileSync(file, textPayload(fake.options.appId, 'Hi {{NAME}}'));
    const { SINCH_KEY_SECRET: _s, SINCH_KEY_ID: _k, ...noKey } = env;
    const r = await runCli(['send', file, '--dry-run', '--var', 'NAME=Ann'], noKey);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^POST ${fake.url.replace(/[.]/g, '\\.')}/v1/projects/proj-0001/messages:send\\nauthorization: Bearer \\*\\*\\*\\n`));
    assert.match(r.stdout, /"text": "Hi Ann"/);
    assert.equal(fake.requests.length, 0);
  });

  it('usage errors exit 2 with our own message; --help goes to stdout', async () => {
    const unknown = await runCli(['send', file, '--bogus'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /send has no option --bogus; its options are --env-file, --var/);
    const badVar = await runCli(['send', file, '--var', 'novalue'], env);
    assert.equal(badVar.code, 2);
    assert.match(badVar.stderr, /--var takes NAME=VALUE, not "novalue"/);
    const noFile = await runCli(['send'], env);
    assert.equal(noFile.code, 2);
    const help = await runCli(['send', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 accepted/);
    assert.equal(fake.requests.length, 0);
  });
});

describe('convapi-line webhooks (built CLI against the fake API)', function () {
  this.timeout(30000);
  let fake: FakeConversationApi;
  let env: Record<string, string>;
  beforeEach(async () => {
    fake = await FakeConversationApi.start();
    env = fake.sinchEnv();
  });
  afterEach(async () => {
    assert.deepEqual(fake.violations, []);
    await fake.close();
  });

  it('creates with the default LINE triggers and a generated secret, lists, and deletes', async () => {
    const created = await runCli(['webhooks', 'create', '--target', 'https://hooks.example.com/x', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    const { webhook, secret } = JSON.parse(created.stdout);
    assert.deepEqual(webhook.triggers, ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'OPT_IN', 'OPT_OUT', 'CONTACT_CREATE', 'UNSUPPORTED']);
    assert.ok(secret.length >= 32);
    assert.equal(fake.webhooks[0].secret, secret);
    const listed = await runCli(['webhooks', 'list'], env);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, new RegExp(`${webhook.id}  https://hooks\\.example\\.com/x\\n    MESSAGE_INBOUND, MESSAGE_DELIVERY`));
    const deleted = await runCli(['webhooks', 'delete', webhook.id], env);
    assert.equal(deleted.code, 0);
    assert.equal(fake.webhooks.length, 0);
    const again = await runCli(['webhooks', 'delete', webhook.id], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /HTTP 404/);
  });

  it('checks the limits before calling: target length, 5 per app, known triggers', async () => {
    const long = await runCli(['webhooks', 'create', '--target', `https://x.example/${'a'.repeat(730)}`], env);
    assert.equal(long.code, 2);
    assert.match(long.stderr, /at most 742/);
    const trig = await runCli(['webhooks', 'create', '--target', 'https://x.example/', '--trigger', 'MESSAGE_SENT'], env);
    assert.equal(trig.code, 2);
    assert.match(trig.stderr, /unknown trigger MESSAGE_SENT/);
    assert.equal(fake.requests.length, 0);
    for (let i = 0; i < 5; i++) fake.webhooks.push({ id: `W${i}`, app_id: fake.options.appId, target: 'https://x.example/', triggers: ['MESSAGE_INBOUND'] });
    const sixth = await runCli(['webhooks', 'create', '--target', 'https://x.example/6'], env);
    assert.equal(sixth.code, 2);
    assert.match(sixth.stderr, /already has 5 webhooks/);
    assert.equal(fake.requestsTo('createWebhook').length, 0);
  });

  it('names SINCH_APP_ID when no app is given', async () => {
    const { SINCH_APP_ID: _a, ...rest } = env;
    const r = await runCli(['webhooks', 'list'], rest);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Nothing was done: SINCH_APP_ID \(or --app-id\) is not set/);
  });
});
