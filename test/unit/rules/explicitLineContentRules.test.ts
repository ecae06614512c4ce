// LINE's documented rules inside explicit_channel_message.LINE that its OpenAPI file does not state
// (src/core/rules/explicitLine/): templates, actions by context, URI schemes, Flex structure, emojis, textV2.
import * as assert from 'node:assert/strict';
import type { CheckResult } from '../../../src/core/check';
import { allowedUriSchemes } from '../../../src/core/rules/explicitLine/actionRules';
import { assertClean, assertSeverity, check, listDiagnostics, only, text, underlined } from '../core/testSupport';

const outer = '/message/explicit_channel_message/LINE';
const body = (...messages: unknown[]) => text({ explicit_channel_message: { LINE: JSON.stringify({ messages }) } });
const run = (...messages: unknown[]) => check(body(...messages));

/** The one finding with `code`, placed at `innerPointer`, still pointing at the string property. */
function finding(result: CheckResult, code: string, innerPointer: string) {
  const d = only(result, code);
  assert.equal(d.pointer, outer);
  assert.equal(d.innerPointer, innerPointer, listDiagnostics(result.diagnostics));
  assert.ok(d.message.includes(innerPointer), `the message names ${innerPointer}: ${d.message}`);
  return d;
}

const postback = (label?: string) => ({ type: 'postback', ...(label === undefined ? {} : { label }), data: 'a=1' });
const buttons = (template: Record<string, unknown>) => ({ type: 'template', altText: 'Menu', template: { type: 'buttons', text: 'Pick one', actions: [postback('Buy')], ...template } });
const column = (extra: Record<string, unknown> = {}) => ({ text: 'Column', actions: [postback('Buy')], ...extra });
const carousel = (...columns: unknown[]) => ({ type: 'template', altText: 'Menu', template: { type: 'carousel', columns } });
const textWith = (extra: Record<string, unknown>) => ({ type: 'text', text: 'Hello', ...extra });
const quickReply = (...actions: unknown[]) => textWith({ quickReply: { items: actions.map((action) => ({ type: 'action', action })) } });
const bubble = (extra: Record<string, unknown>) => ({ type: 'flex', altText: 'Card', contents: { type: 'bubble', ...extra } });
const box = (...contents: unknown[]) => ({ type: 'box', layout: 'vertical', contents });

describe('explicit LINE rules: templates', () => {
  it('buttons text: 160 without image or title, 60 with either', () => {
    assertClean(run(buttons({ text: 'x'.repeat(160) })));
    for (const extra of [{ title: 'Menu' }, { thumbnailImageUrl: 'https://example.com/a.jpg' }]) {
      assertClean(run(buttons({ ...extra, text: 'x'.repeat(60) })));
      const d = finding(run(buttons({ ...extra, text: 'x'.repeat(61) })), 'explicit.line.template.text-too-long', '/messages/0/template/text');
      assertSeverity(d, 'error');
      assert.equal(d.data?.limit, 60);
    }
  });

  it('a text over 60 only because of a placeholder written out is a warning', () => {
    const d = only(run(buttons({ title: 'Menu', text: `${'x'.repeat(50)}{{CUSTOMER_NAME}}` })), 'explicit.line.template.text-too-long');
    assertSeverity(d, 'warning');
  });

  it('carousel column text: 120 without image or title, 60 with either', () => {
    assertClean(run(carousel(column({ text: 'x'.repeat(120) }), column({ text: 'y' }))));
    finding(run(carousel(column({ title: 'A', text: 'x'.repeat(61) }), column({ title: 'B' }))), 'explicit.line.template.text-too-long', '/messages/0/template/columns/0/text');
  });

  it('carousel columns alike: same number of actions, all or none with an image, with a title', () => {
    finding(run(carousel(column(), column({ actions: [postback('A'), postback('B')] }))), 'explicit.line.carousel.uneven-actions', '/messages/0/template/columns/1/actions');
    finding(run(carousel(column(), column({ thumbnailImageUrl: 'https://example.com/b.jpg' }))), 'explicit.line.carousel.uneven-image', '/messages/0/template/columns/1');
    finding(run(carousel(column({ title: 'A' }), column())), 'explicit.line.carousel.uneven-title', '/messages/0/template/columns/1');
    assertClean(run(carousel(column({ title: 'A', thumbnailImageUrl: 'https://example.com/a.jpg' }), column({ title: 'B', thumbnailImageUrl: 'https://example.com/b.jpg' }))));
  });

  it('a template button needs a label; a defaultAction does not', () => {
    finding(run(buttons({ actions: [postback()] })), 'explicit.line.action.label-missing', '/messages/0/template/actions/0');
    finding(run({ type: 'template', altText: 'Sure?', template: { type: 'confirm', text: 'Sure?', actions: [postback('Yes'), { type: 'message', text: 'no' }] } }), 'explicit.line.action.label-missing', '/messages/0/template/actions/1');
    assertClean(run(buttons({ defaultAction: { type: 'uri', uri: 'https://example.com' } })));
  });

  it('image carousel: the label is optional, at most 12', () => {
    const imageCarousel = (label?: string) => ({ type: 'template', altText: 'Pics', template: { type: 'image_carousel', columns: [{ imageUrl: 'https://example.com/a.jpg', action: { type: 'uri', ...(label === undefined ? {} : { label }), uri: 'https://example.com' } }] } });
    assertClean(run(imageCarousel()));
    assertClean(run(imageCarousel('x'.repeat(12))));
    assertSeverity(finding(run(imageCarousel('x'.repeat(13))), 'explicit.line.action.label-long', '/messages/0/template/columns/0/action/label'), 'warning');
  });

  it('a template label over 20 is a warning', () => {
    assertClean(run(buttons({ actions: [postback('x'.repeat(20))] })));
    assertSeverity(finding(run(buttons({ actions: [postback('x'.repeat(21))] })), 'explicit.line.action.label-long', '/messages/0/template/actions/0/label'), 'warning');
  });
});

describe('explicit LINE rules: which actions each context allows', () => {
  it('camera, camera roll and location work on quick reply buttons only', () => {
    assertClean(run(quickReply({ type: 'camera', label: 'Camera' }, { type: 'cameraRoll', label: 'Photos' }, { type: 'location', label: 'Where' })));
    for (const type of ['camera', 'cameraRoll', 'location']) {
      const d = finding(run(buttons({ actions: [{ type, label: 'Go' }] })), 'explicit.line.action.not-allowed', '/messages/0/template/actions/0/type');
      assert.match(d.message, new RegExp(type));
    }
    finding(run(bubble({ body: box({ type: 'button', action: { type: 'camera', label: 'Camera' } }) })), 'explicit.line.action.not-allowed', '/messages/0/contents/body/contents/0/action/type');
  });

  it('a rich menu switch action works in no message', () => {
    const switchAction = { type: 'richmenuswitch', label: 'Menu B', richMenuAliasId: 'menu-b', data: 'm=b' };
    const d = finding(run(quickReply(switchAction)), 'explicit.line.action.not-allowed', '/messages/0/quickReply/items/0/action/type');
    assert.match(d.message, /rich menu/);
    finding(run(buttons({ actions: [switchAction] })), 'explicit.line.action.not-allowed', '/messages/0/template/actions/0/type');
  });

  it('clipboard, postback, message, uri and datetimepicker work everywhere', () => {
    const actions = [
      { type: 'clipboard', label: 'Copy', clipboardText: 'CODE-123' },
      postback('Buy'),
      { type: 'message', label: 'Hi', text: 'Hi' },
      { type: 'uri', label: 'Open', uri: 'https://example.com' },
      { type: 'datetimepicker', label: 'When', data: 'd', mode: 'datetime', initial: '2030-01-01T10:00', min: '2030-01-01T00:00', max: '2030-12-31T23:59' },
    ];
    assertClean(run(quickReply(...actions)));
    assertClean(run(buttons({ actions: actions.slice(0, 4) })));
    assertClean(run(bubble({ footer: box(...actions.map((action) => ({ type: 'button', action }))) })));
  });

  it('quick reply buttons need a label, at most 20', () => {
    finding(run(quickReply({ type: 'message', text: 'Yes' })), 'explicit.line.action.label-missing', '/messages/0/quickReply/items/0/action');
    assertSeverity(finding(run(quickReply({ type: 'message', label: 'x'.repeat(21), text: 'Yes' })), 'explicit.line.action.label-long', '/messages/0/quickReply/items/0/action/label'), 'warning');
  });

  it('a quick reply item is type "action" with an action, at most 13', () => {
    const item = { type: 'action', action: { type: 'message', label: 'Yes', text: 'Yes' } };
    assertClean(run(textWith({ quickReply: { items: Array.from({ length: 13 }, () => item) } })));
    only(run(textWith({ quickReply: { items: Array.from({ length: 14 }, () => item) } })), 'explicit.line.max-items');
    assert.equal(only(run(textWith({ quickReply: { items: [{ ...item, type: 'button' }] } })), 'explicit.line.enum').innerPointer, '/messages/0/quickReply/items/0/type');
    assert.equal(only(run(textWith({ quickReply: { items: [{ type: 'action' }] } })), 'explicit.line.required').innerPointer, '/messages/0/quickReply/items/0/action');
  });

  it('a Flex button needs a label, at most 40; other Flex actions do not', () => {
    finding(run(bubble({ footer: box({ type: 'button', action: { type: 'uri', uri: 'https://example.com' } }) })), 'explicit.line.action.label-missing', '/messages/0/contents/footer/contents/0/action');
    assertClean(run(bubble({ footer: box({ type: 'button', action: { type: 'uri', label: 'x'.repeat(40), uri: 'https://example.com' } }) })));
    finding(run(bubble({ footer: box({ type: 'button', action: { type: 'uri', label: 'x'.repeat(41), uri: 'https://example.com' } }) })), 'explicit.line.action.label-long', '/messages/0/contents/footer/contents/0/action/label');
    assertClean(run(bubble({ body: { ...box({ type: 'text', text: 'Tap me' }), action: { type: 'uri', uri: 'https://example.com' } } })));
  });

  it('datetimepicker values fit the mode', () => {
    const picker = (mode: string, initial: string) => buttons({ actions: [{ type: 'datetimepicker', label: 'When', data: 'd', mode, initial }] });
    assertClean(run(picker('date', '2030-01-31')));
    assertClean(run(picker('time', '23:59')));
    finding(run(picker('date', '2030-01-31T10:00')), 'explicit.line.datetime.format', '/messages/0/template/actions/0/initial');
    finding(run(picker('time', '9:00')), 'explicit.line.datetime.format', '/messages/0/template/actions/0/initial');
  });

  it('fillInText without openKeyboard is a warning', () => {
    assertClean(run(buttons({ actions: [{ ...postback('Ask'), inputOption: 'openKeyboard', fillInText: 'My order: ' }] })));
    assertSeverity(finding(run(buttons({ actions: [{ ...postback('Ask'), fillInText: 'My order: ' }] })), 'explicit.line.action.fill-in-text', '/messages/0/template/actions/0/fillInText'), 'warning');
  });
});

describe('explicit LINE rules: URI schemes', () => {
  const uriAction = (uri: string) => buttons({ actions: [{ type: 'uri', label: 'Open', uri }] });

  it(`accepts ${allowedUriSchemes.join(', ')} and a {{PLACEHOLDER}}`, () => {
    for (const uri of ['https://example.com', 'http://example.com', 'line://nv/location', 'tel:+81312345678', 'HTTPS://EXAMPLE.COM', '{{SHOP_URL}}']) assertClean(run(uriAction(uri)));
  });

  it('refuses other schemes and relative URIs, at the uri', () => {
    for (const uri of ['javascript:alert(1)', 'mailto:a@example.com', 'ftp://example.com/a', 'example.com/page']) {
      const result = run(uriAction(uri));
      const d = finding(result, 'explicit.line.uri.scheme', '/messages/0/template/actions/0/uri');
      assert.equal(underlined(result, d).replace(/\\"/g, '"'), JSON.stringify(uri));
    }
  });

  it('checks altUri.desktop, imagemap links and the imagemap video link', () => {
    finding(run(buttons({ actions: [{ type: 'uri', label: 'Open', uri: 'https://example.com', altUri: { desktop: 'file:///etc/passwd' } }] })), 'explicit.line.uri.scheme', '/messages/0/template/actions/0/altUri/desktop');
    const imagemap = (linkUri: string) => ({
      type: 'imagemap',
      baseUrl: 'https://example.com/imagemap',
      altText: 'Map',
      baseSize: { width: 1040, height: 1040 },
      actions: [{ type: 'uri', linkUri, area: { x: 0, y: 0, width: 520, height: 1040 } }],
    });
    assertClean(run(imagemap('https://example.com')));
    finding(run(imagemap('sms:123')), 'explicit.line.uri.scheme', '/messages/0/actions/0/linkUri');
    const withVideo = (linkUri: string) => ({
      ...imagemap('https://example.com'),
      video: { originalContentUrl: 'https://example.com/v.mp4', previewImageUrl: 'https://example.com/v.jpg', area: { x: 0, y: 0, width: 1040, height: 585 }, externalLink: { linkUri, label: 'More' } },
    });
    assertClean(run(withVideo('https://example.com/more')));
    finding(run(withVideo('intent://x')), 'explicit.line.uri.scheme', '/messages/0/video/externalLink/linkUri');
  });
});

describe('explicit LINE rules: Flex structure', () => {
  it('a hero is a box, an image or a video', () => {
    assertClean(run(bubble({ hero: { type: 'image', url: 'https://example.com/h.jpg', size: 'full', aspectRatio: '20:13', aspectMode: 'cover' } })));
    finding(run(bubble({ hero: { type: 'text', text: 'Hi' } })), 'explicit.line.flex.hero-type', '/messages/0/contents/hero/type');
  });

  it('a video only as a hero', () => {
    const video = { type: 'video', url: 'https://example.com/v.mp4', previewUrl: 'https://example.com/v.jpg', altContent: { type: 'image', url: 'https://example.com/v.jpg' }, aspectRatio: '16:9' };
    assertClean(run(bubble({ size: 'mega', hero: video })));
    finding(run(bubble({ body: box(video) })), 'explicit.line.flex.video-placement', '/messages/0/contents/body/contents/0/type');
  });

  it('spans only inside a text, and a text has text or spans', () => {
    assertClean(run(bubble({ body: box({ type: 'text', contents: [{ type: 'span', text: 'Bold', weight: 'bold' }, { type: 'span', text: ' plain' }] }) })));
    finding(run(bubble({ body: box({ type: 'span', text: 'loose' }) })), 'explicit.line.flex.span-placement', '/messages/0/contents/body/contents/0/type');
    finding(run(bubble({ body: box({ type: 'text' }) })), 'explicit.line.flex.text-empty', '/messages/0/contents/body/contents/0');
  });

  it('a carousel holds at most 12 bubbles, each checked', () => {
    const carouselOf = (n: number) => ({ type: 'flex', altText: 'Cards', contents: { type: 'carousel', contents: Array.from({ length: n }, () => ({ type: 'bubble', body: box({ type: 'text', text: 'Hi' }) })) } });
    assertClean(run(carouselOf(12)));
    assert.equal(only(run(carouselOf(13)), 'explicit.line.max-items').innerPointer, '/messages/0/contents/contents');
    const bad = carouselOf(2);
    (bad.contents.contents[1] as Record<string, unknown>).hero = { type: 'separator' };
    finding(run(bad), 'explicit.line.flex.hero-type', '/messages/0/contents/contents/1/hero/type');
  });

  it('keywords or pixel values for margins and sizes, hex colors', () => {
    assertClean(run(bubble({ body: { ...box({ type: 'text', text: 'Hi', size: '18px', color: '#111111', margin: 'md' }), paddingAll: '12%', spacing: '4px', backgroundColor: '#FFFFFFCC' } })));
    assert.equal(only(run(bubble({ body: box({ type: 'text', text: 'Hi', margin: 'medium' }) })), 'explicit.line.pattern').innerPointer, '/messages/0/contents/body/contents/0/margin');
    assert.equal(only(run(bubble({ body: box({ type: 'text', text: 'Hi', color: 'red' }) })), 'explicit.line.pattern').innerPointer, '/messages/0/contents/body/contents/0/color');
  });
});

describe('explicit LINE rules: emojis and textV2', () => {
  const emoji = (index: number) => ({ index, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' });

  it('each emoji index points at a "$" of the text, once', () => {
    assertClean(run(textWith({ text: '$ LINE emoji $', emojis: [emoji(0), emoji(13)] })));
    const d = finding(run(textWith({ text: '$ LINE emoji $', emojis: [emoji(0), emoji(2)] })), 'explicit.line.emoji.position', '/messages/0/emojis/1/index');
    assert.match(d.message, /"L"/);
    assert.match(finding(run(textWith({ text: '$', emojis: [emoji(5)] })), 'explicit.line.emoji.position', '/messages/0/emojis/0/index').message, /past the end/);
    finding(run(textWith({ text: '$ and $', emojis: [emoji(0), emoji(0)] })), 'explicit.line.emoji.duplicate', '/messages/0/emojis/1/index');
  });

  it('does not judge positions when a placeholder may move them', () => {
    assertClean(run(textWith({ text: 'Hi {{NAME}} $', emojis: [emoji(3)] })));
  });

  it('an emoji needs index, productId and emojiId', () => {
    assert.equal(only(run(textWith({ text: '$', emojis: [{ index: 0, productId: 'p' }] })), 'explicit.line.required').innerPointer, '/messages/0/emojis/0/emojiId');
  });

  it('textV2: every {key} has a substitution; an unused one is a warning; {{ }} are literal', () => {
    const mention = { type: 'mention', mentionee: { type: 'user', userId: 'U4af4980629' } };
    assertClean(run({ type: 'textV2', text: 'Welcome, {user}! {{literal}}', substitution: { user: mention } }));
    finding(run({ type: 'textV2', text: 'Hi {user} {smile}', substitution: { user: mention } }), 'explicit.line.text-v2.substitution-missing', '/messages/0/text');
    assertSeverity(finding(run({ type: 'textV2', text: 'Hi {user}', substitution: { user: mention, sad: { type: 'emoji', productId: 'p', emojiId: '001' } } }), 'explicit.line.text-v2.substitution-unused', '/messages/0/substitution/sad'), 'warning');
  });
});
