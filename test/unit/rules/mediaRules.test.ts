import * as assert from 'node:assert/strict';
import { mediaFormatOf } from '../../../src/core/payload/mediaFormat';
import { assertClean, assertSeverity, check, listDiagnostics, only, text, underlined } from '../core/testSupport';

const media = (url: string, thumbnail_url?: string) => text({ media_message: thumbnail_url === undefined ? { url } : { url, thumbnail_url } });
const cardImage = (url: string) => text({ card_message: { title: 'Card', media_message: { url } } });
const carouselImage = (url: string) =>
  text({ carousel_message: { cards: [{ title: 'A', media_message: { url: 'https://example.com/a.png' } }, { title: 'B', media_message: { url } }] } });

describe('media rules', () => {
  describe('accepted formats, judged from the path only', () => {
    const images = [
      'https://example.com/photo.jpeg',
      'https://example.com/photo.jpg',
      'https://example.com/photo.png',
      'https://example.com/PHOTO.JPG',
      'https://example.com/photo.Png',
      'https://example.com/photo.jpg?v=1',
      'https://example.com/photo.png?v=1&size=large',
      'https://example.com/photo.jpeg#fragment',
      'https://example.com/photo.JPG?v=1#top',
      'https://example.com/dir.gif/photo.jpg',
      'https://example.com/photo.jpg?format=gif',
      'https://example.com/my%20photo.png',
    ];
    for (const url of images) {
      it(`image ${url}: no diagnostic as a media message, card image and carousel image`, () => {
        assertClean(check(media(url)));
        assertClean(check(cardImage(url)));
        assertClean(check(carouselImage(url)));
      });
    }

    it('an mp4 video with a jpeg or png thumbnail (any case, with query) passes', () => {
      assertClean(check(media('https://example.com/clip.mp4', 'https://example.com/thumb.jpg')));
      assertClean(check(media('https://example.com/clip.MP4?v=2', 'https://example.com/thumb.PNG?v=2#x')));
    });

    it('an m4a audio passes', () => {
      assertClean(check(media('https://example.com/voice.m4a')));
      assertClean(check(media('https://example.com/voice.M4A?dl=1')));
    });
  });

  describe('refused formats', () => {
    for (const url of ['https://example.com/anim.gif', 'https://example.com/anim.GIF?v=1', 'https://example.com/anim.gif#x', 'https://example.com/pic.webp', 'https://example.com/song.mp3', 'https://example.com/clip.mov', 'https://example.com/doc.pdf']) {
      it(`${url}: media.unsupported-format (error) on the URL`, () => {
        const result = check(media(url));
        const d = only(result, 'media.unsupported-format');
        assertSeverity(d, 'error');
        assert.equal(d.pointer, '/message/media_message/url');
        assert.equal(underlined(result, d), JSON.stringify(url));
        assert.equal(d.data?.extension, mediaFormatOf(url).extension);
        assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      });
    }

    it('gif as a card image: card.image-format', () => {
      const result = check(cardImage('https://example.com/anim.gif?v=1'));
      const d = only(result, 'card.image-format');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/card_message/media_message/url');
    });

    it('mp4 as a card image: card.image-format', () => {
      const d = only(check(cardImage('https://example.com/clip.mp4')), 'card.image-format');
      assert.match(d.message, /\.mp4/);
      assert.deepEqual(d.data, { extension: 'mp4' });
    });

    it('mp4 as a carousel card image: card.image-format on that card', () => {
      const d = only(check(carouselImage('https://example.com/clip.mp4')), 'card.image-format');
      assert.equal(d.pointer, '/message/carousel_message/cards/1/media_message/url');
    });

    it('a gif video thumbnail: media.thumbnail-format on thumbnail_url', () => {
      const result = check(media('https://example.com/clip.mp4', 'https://example.com/thumb.gif'));
      const d = only(result, 'media.thumbnail-format');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/media_message/thumbnail_url');
      assert.equal(underlined(result, d), '"https://example.com/thumb.gif"');
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });
  });

  describe('video thumbnail', () => {
    it('an mp4 without thumbnail_url: media.thumbnail-missing on the URL', () => {
      const result = check(media('https://example.com/clip.mp4'));
      const d = only(result, 'media.thumbnail-missing');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/media_message/url');
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });

    it('an mp4 with an empty thumbnail_url: media.thumbnail-missing on thumbnail_url', () => {
      const result = check(media('https://example.com/clip.mp4?x=1', '  '));
      const d = only(result, 'media.thumbnail-missing');
      assert.equal(d.pointer, '/message/media_message/thumbnail_url');
      assert.equal(underlined(result, d), '"  "');
    });

    it('an image needs no thumbnail, a placeholder URL is not judged', () => {
      assertClean(check(media('https://example.com/photo.jpg')));
      assertClean(check(media('{{VIDEO_URL}}')));
    });

    it('a card image mp4 is not asked for a thumbnail (cards have no video)', () => {
      const result = check(cardImage('https://example.com/clip.mp4'));
      assert.deepEqual(result.diagnostics.map((d) => d.code), ['card.image-format']);
    });
  });

  describe('scheme', () => {
    it('http:// is media.http (error) on the URL, for media, thumbnails and card images', () => {
      const plain = check(media('http://example.com/photo.jpg'));
      const d = only(plain, 'media.http');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/media_message/url');
      assert.equal(plain.diagnostics.length, 1, listDiagnostics(plain.diagnostics));
      assert.equal(only(check(media('https://example.com/v.mp4', 'http://example.com/t.jpg')), 'media.http').pointer, '/message/media_message/thumbnail_url');
      assert.equal(only(check(cardImage('HTTP://example.com/a.png')), 'media.http').pointer, '/message/card_message/media_message/url');
      only(check(media('http://{{HOST}}/photo.jpg')), 'media.http');
    });

    it('other schemes and relative URLs are media.not-https', () => {
      for (const url of ['ftp://example.com/a.png', 'example.com/a.png', '/images/a.png', 'data:image/png;base64,AAAA', 'cdn.example.com/{{FILE}}']) {
        const d = only(check(media(url)), 'media.not-https');
        assertSeverity(d, 'error');
      }
    });

    it('an empty URL is media.url-empty only', () => {
      const result = check(media(''));
      assert.deepEqual(result.diagnostics.map((d) => d.code), ['media.url-empty']);
    });
  });

  describe('unknown extensions and placeholders give no format error', () => {
    for (const url of [
      'https://example.com/image',
      'https://example.com/image?id=42',
      'https://example.com/media/12345/',
      'https://example.com/file.unknownext',
      'https://cdn.example.com/{{FILE}}',
      '{{MEDIA_URL}}',
      ' {{MEDIA_URL}} ',
      '{{BASE_URL}}/photo.png',
      'https://{{HOST}}/photo.jpg',
    ]) {
      it(url, () => {
        assertClean(check(media(url)));
        assertClean(check(cardImage(url)));
      });
    }
  });
});

describe('mediaFormatOf', () => {
  it('reads the extension from the last path segment, lower-cased, ignoring query and fragment', () => {
    assert.deepEqual(mediaFormatOf('https://a.example/x/y.JPG?v=1#z'), { extension: 'jpg', category: 'image', scheme: 'https' });
    assert.deepEqual(mediaFormatOf('http://a.example/clip.mp4'), { extension: 'mp4', category: 'video', scheme: 'http' });
    assert.deepEqual(mediaFormatOf('https://a.example/v.m4a'), { extension: 'm4a', category: 'audio', scheme: 'https' });
    assert.deepEqual(mediaFormatOf('https://a.example/'), { extension: '', category: 'unknown', scheme: 'https' });
    assert.deepEqual(mediaFormatOf('https://a.example/.hidden'), { extension: '', category: 'unknown', scheme: 'https' });
    assert.deepEqual(mediaFormatOf('relative/path.png?x'), { extension: 'png', category: 'image', scheme: '' });
    assert.equal(mediaFormatOf('https://a.example/bad%E0%A4%A.png').extension, 'png');
  });
});
