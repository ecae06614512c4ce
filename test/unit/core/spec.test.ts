import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import { assertClean, assertRangeConsistent, listDiagnostics, specExamples } from './testSupport';

/** What a JSON block on the spec page is: only messages:send bodies are ours to check. */
function kindOf(value: Record<string, unknown>): 'send' | 'credentials' | 'callback' {
  if ('channel_credentials' in value) return 'credentials';
  if ('recipient' in value && 'message' in value) return 'send';
  return 'callback';
}

describe('payloads of the spec page (test/fixtures/spec)', () => {
  const blocks = specExamples();

  it('has the 13 JSON examples we expect, each valid JSON', () => {
    assert.equal(blocks.length, 13, blocks.map((b) => b.name).join(', '));
    for (const b of blocks) assert.doesNotThrow(() => JSON.parse(b.text), b.name);
  });

  it('classifies them: one credentials snippet (skipped), one messages:send body, eleven callbacks', () => {
    const kinds = blocks.map((b) => kindOf(JSON.parse(b.text) as Record<string, unknown>));
    assert.equal(kinds.filter((k) => k === 'credentials').length, 1);
    assert.equal(kinds.filter((k) => k === 'send').length, 1);
    assert.equal(kinds.filter((k) => k === 'callback').length, 11);
  });

  it('accepts every messages:send payload with zero diagnostics', () => {
    const sends = blocks.filter((b) => kindOf(JSON.parse(b.text) as Record<string, unknown>) === 'send');
    assert.ok(sends.length > 0);
    for (const b of sends) {
      const result = checkText(b.text);
      assertClean(result);
      assert.equal(result.anatomy.message?.explicit_channel_message !== undefined, true);
    }
  });

  it('the sticker payload survives CRLF line ends and re-indentation', () => {
    const sticker = blocks.find((b) => b.text.includes('"sticker\\"'))!;
    assertClean(checkText(sticker.text.replace(/\n/g, '\r\n')));
    assertClean(checkText(JSON.stringify(JSON.parse(sticker.text), null, 4)));
    assertClean(checkText(JSON.stringify(JSON.parse(sticker.text))));
  });

  it('checking the other blocks (not send payloads) never throws and yields sane ranges', () => {
    for (const b of blocks) {
      const result = checkText(b.text);
      for (const d of result.diagnostics) assertRangeConsistent(b.text, d);
      if (kindOf(JSON.parse(b.text) as Record<string, unknown>) !== 'send') {
        // A callback is not a messages:send body: at the very least something is missing.
        assert.ok(result.diagnostics.length > 0, `${b.name}:\n${listDiagnostics(result.diagnostics)}`);
      }
    }
  });
});
