// `check --json` for findings inside explicit_channel_message.LINE: "pointer" at the string, "innerPointer" inside.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './cliInProcess';

const flexWithBadLayout = {
  type: 'flex',
  altText: 'Menu',
  contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [{ type: 'text', text: 'Hi' }] } },
};

describe('convapi-line check --json: innerPointer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-inner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps pointer at the string property and adds innerPointer inside the embedded LINE body', async () => {
    const payload = { app_id: 'A', recipient: { contact_id: 'C' }, message: { explicit_channel_message: { LINE: JSON.stringify({ messages: [flexWithBadLayout] }) } } };
    const file = join(dir, 'flex.line.json');
    writeFileSync(file, JSON.stringify(payload, null, 2));
    const r = await run(['check', '--json', file]);
    assert.equal(r.code, 1);
    const [d, ...rest] = JSON.parse(r.stdout).files[0].diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'explicit.line.enum');
    assert.equal(d.pointer, '/message/explicit_channel_message/LINE');
    assert.equal(d.innerPointer, '/messages/0/contents/body/layout');
    assert.deepEqual(Object.keys(d), ['severity', 'code', 'message', 'pointer', 'innerPointer', 'range']);
    // The message names the inner path too (what the editor shows).
    assert.match(d.message, /^LINE message 1 at \/messages\/0\/contents\/body\/layout: /);
  });

  it('has no innerPointer key for findings outside embedded documents', async () => {
    const file = join(dir, 'text.line.json');
    writeFileSync(file, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'x'.repeat(5001) } } }));
    const r = await run(['check', '--json', file]);
    const [d] = JSON.parse(r.stdout).files[0].diagnostics;
    assert.equal(d.code, 'text.too-long');
    assert.ok(!('innerPointer' in d));
  });
});
