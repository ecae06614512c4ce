import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenCache } from '../../../src/core/conversation/tokenCache';
import { SentMessageLog } from '../../../src/core/history/sentMessages';
import { createDispatcher } from '../../../src/core/http/dispatcher';
import { prepareSend } from '../../../src/core/send/prepareSend';
import { sendPayload } from '../../../src/core/send/sendPayload';
import { curlSnippet, sdkSnippet } from '../../../src/core/send/snippets';
import { FakeConversationApi } from '../../support/fakeConversationApi';
import { runCli } from '../cli/cliProcess';
import { textPayload } from './sendSupport';

describe('No secret or token in any output of a send/fail cycle', function () {
  this.timeout(40000);

  it('keeps the key secret and every issued token out of CLI output, history, errors and snippets', async () => {
    const fake = await FakeConversationApi.start();
    const dir = mkdtempSync(join(tmpdir(), 'convapi-line-leak-'));
    const outputs: string[] = [];
    const dispatcher = createDispatcher({ timeoutMs: 3000 });
    try {
      const file = join(dir, 'hi.line.json');
      writeFileSync(file, textPayload(fake.options.appId, 'Hi {{NAME}}'));
      const env = { ...fake.sinchEnv(), NAME: 'Ann' };
      const cli = async (args: string[], extra: Record<string, string> = {}) => {
        const r = await runCli(args, { ...env, ...extra });
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      assert.equal((await cli(['send', file])).code, 0);
      assert.equal((await cli(['send', file, '--json'])).code, 0);
      fake.next({ route: 'send', status: 400, echoAuthorization: true });
      assert.equal((await cli(['send', file])).code, 1);
      fake.next({ route: 'send', status: 401, echoAuthorization: true, times: 2 });
      assert.equal((await cli(['send', file, '--json'])).code, 1);
      fake.next({ route: 'send', status: 500 });
      assert.equal((await cli(['send', file])).code, 1);
      fake.next({ route: 'send', delayMs: 2000 });
      assert.equal((await cli(['send', file, '--timeout', '300'])).code, 1);
      assert.equal((await cli(['send', file], { SINCH_KEY_SECRET: 'wrong-secret-0000' })).code, 1);
      assert.equal((await cli(['send', file, '--dry-run'])).code, 0);
      assert.equal((await cli(['webhooks', 'create', '--target', 'https://hooks.example.com/a', '--json'])).code, 0);
      assert.equal((await cli(['webhooks', 'list', '--json'])).code, 0);

      // The same cycle in-process, keeping every history entry, error and snippet.
      const prepared = prepareSend(textPayload(fake.options.appId), []);
      assert.ok(prepared.ok);
      const log = new SentMessageLog();
      const tokens = new TokenCache(dispatcher);
      const send = () => sendPayload({ environment: fake.environment(), keySecret: fake.options.keySecret, body: prepared.body, file, dispatcher, tokens, timeoutMs: 1000 });
      const outcomes = [await send()];
      fake.next({ route: 'send', status: 403, echoAuthorization: true });
      outcomes.push(await send());
      fake.next({ route: 'send', status: 429, headers: { 'retry-after': '3' }, echoAuthorization: true });
      outcomes.push(await send());
      fake.next({ route: 'send', delayMs: 2500 });
      outcomes.push(await send());
      for (const o of outcomes) {
        log.add(o.entry);
        if (!o.ok) outputs.push(o.message);
        outputs.push(curlSnippet(fake.environment(), o.entry.request.body), sdkSnippet(fake.environment(), o.entry.request.body));
      }
      outputs.push(JSON.stringify(log.toJSON()));
      assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.kind)), ['ok', 'api', 'api', 'timeout']);

      const all = outputs.join('\n');
      assert.ok(fake.issuedTokens.length >= 8, `tokens issued: ${fake.issuedTokens.length}`);
      // The server did put the token into two error messages: the search below would find it if we passed it on.
      assert.ok(fake.requests.some((r) => r.status === 400 || r.status === 401));
      assert.match(all, /authorization Bearer \*\*\*/);
      const basic = Buffer.from(`${fake.options.keyId}:${fake.options.keySecret}`).toString('base64');
      for (const secret of [fake.options.keySecret, basic, ...fake.issuedTokens]) assert.ok(!all.includes(secret), `found a secret in the outputs: ${secret.slice(0, 6)}…`);
      assert.ok(all.includes('$SINCH_TOKEN'));
    } finally {
      await dispatcher.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
