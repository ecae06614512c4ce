import * as assert from 'node:assert/strict';
import { isFromPreviewMessage, isPreviewState, isToPreviewMessage } from '../../../src/protocol/preview';

describe('preview protocol guards', () => {
  it('accepts only well-formed messages from the webview', () => {
    assert.equal(isFromPreviewMessage({ type: 'ready' }), true);
    assert.equal(isFromPreviewMessage({ type: 'reveal', pointer: '/message/card_message/title' }), true);
    assert.equal(isFromPreviewMessage({ type: 'reveal', pointer: '' }), true);
    for (const bad of [null, 'ready', {}, { type: 'reveal' }, { type: 'reveal', pointer: 5 }, { type: 'reveal', pointer: 'message' }, { type: 'run', command: 'x' }]) {
      assert.equal(isFromPreviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts update and settings messages to the webview', () => {
    assert.equal(isToPreviewMessage({ type: 'update', model: { uri: 'file:///a.json', version: 3, payload: {}, diagnostics: [] } }), true);
    assert.equal(isToPreviewMessage({ type: 'settings', theme: 'dark' }), true);
    assert.equal(isToPreviewMessage({ type: 'settings', theme: 'blue' }), false);
    assert.equal(isToPreviewMessage({ type: 'update', model: { uri: 'file:///a.json' } }), false);
  });

  it('recognises the state the serializer restores', () => {
    assert.equal(isPreviewState({ uri: 'file:///a.json' }), true);
    assert.equal(isPreviewState({ uri: 'file:///a.json', theme: 'dark' }), true);
    assert.equal(isPreviewState({ uri: 'file:///a.json', theme: 'sepia' }), false);
    assert.equal(isPreviewState(undefined), false);
  });
});
