import * as assert from 'node:assert/strict';
import { assertClean, assertNone, assertSeverity, check, listDiagnostics, only, text, underlined } from '../core/testSupport';

const video = { media_message: { url: 'https://example.com/clip.mp4', thumbnail_url: 'https://example.com/thumb.jpg' } };
const withTracking = (id: unknown, message: unknown = video) => text(message, { channel_properties: { LINE_VIDEO_TRACKING_ID: id } });

describe('LINE_VIDEO_TRACKING_ID', () => {
  it('100 characters of the allowed set with a video pass', () => {
    const allowed = 'AZaz09-.=,+*()%$&;:@{}!?<>[]';
    const id = (allowed + 'x'.repeat(100)).slice(0, 100);
    assert.equal(id.length, 100);
    assertClean(check(withTracking(id)));
  });

  it('101 characters: line.video-tracking-id.too-long (error) on the value', () => {
    const id = 'v'.repeat(101);
    const result = check(withTracking(id));
    const d = only(result, 'line.video-tracking-id.too-long');
    assertSeverity(d, 'error');
    assert.equal(d.pointer, '/channel_properties/LINE_VIDEO_TRACKING_ID');
    assert.equal(underlined(result, d), JSON.stringify(id));
    assert.match(d.message, /101/);
    assert.match(d.message, /100/);
    assert.deepEqual(d.data, { limit: 100, actual: 101 });
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
  });

  for (const bad of ['my id', 'video_1', 'ビデオ', 'a/b', 'a#b', 'tab\there', '😀']) {
    it(`${JSON.stringify(bad)}: line.video-tracking-id.characters names the bad characters`, () => {
      const result = check(withTracking(bad));
      const d = only(result, 'line.video-tracking-id.characters');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/channel_properties/LINE_VIDEO_TRACKING_ID');
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });
  }

  it('the character message lists each bad character once', () => {
    const d = only(check(withTracking('a b c_d_e')), 'line.video-tracking-id.characters');
    assert.match(d.message, /" ", "_"$|" ", "_"\.$/);
  });

  it('without a video: line.video-tracking-id.without-video (warning) on the key', () => {
    for (const message of [
      { media_message: { url: 'https://example.com/photo.jpg' } },
      { text_message: { text: 'Hello' } },
      { card_message: { title: 'Card', media_message: { url: 'https://example.com/clip.mp4', thumbnail_url: 'https://example.com/t.jpg' } } },
    ]) {
      const result = check(withTracking('my-video-1', message));
      const d = only(result, 'line.video-tracking-id.without-video');
      assertSeverity(d, 'warning');
      assert.equal(d.pointer, '/channel_properties/LINE_VIDEO_TRACKING_ID');
      assert.equal(underlined(result, d), '"LINE_VIDEO_TRACKING_ID"');
    }
  });

  it('a placeholder video URL counts as a video', () => {
    assertClean(check(withTracking('my-video-1', { media_message: { url: '{{VIDEO_URL}}', thumbnail_url: 'https://example.com/t.jpg' } })));
  });

  it('a placeholder tracking ID is not judged for its characters', () => {
    assertClean(check(withTracking('{{TRACKING_ID}}')));
    assertClean(check(withTracking('video-{{USER_ID}}')));
  });

  it('characters outside a placeholder are still judged', () => {
    const d = only(check(withTracking('my video {{USER_ID}}')), 'line.video-tracking-id.characters');
    assert.match(d.message, /" "/);
    assert.doesNotMatch(d.message, /"_"/);
  });

  it('a placeholder tracking ID over 100 only because of the placeholder is a warning, over anyway an error', () => {
    const estimated = '{{TRACKING_ID}}' + 'x'.repeat(90);
    assertSeverity(only(check(withTracking(estimated)), 'line.video-tracking-id.too-long'), 'warning');
    const over = '{{TRACKING_ID}}' + 'x'.repeat(101);
    assertSeverity(only(check(withTracking(over)), 'line.video-tracking-id.too-long'), 'error');
  });

  it('a tracking ID that is not a string is a schema error only', () => {
    const result = check(withTracking(42));
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['schema.type'], listDiagnostics(result.diagnostics));
    assertNone(result, 'line.video-tracking-id.too-long');
  });

  it('the other channel properties are strings: a number is a schema error', () => {
    const result = check(text(video, { channel_properties: { LINE_OPEN_STATUS: 5 } }));
    assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.pointer}`), ['schema.type /channel_properties/LINE_OPEN_STATUS']);
  });
});
