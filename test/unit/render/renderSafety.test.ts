import * as assert from 'node:assert/strict';
import { renderPage } from '../../../src/core/render';
import { elements, parseHtml, parts, textOf } from './htmlTree';
import { render } from './renderHelpers';
import * as sample from './samplePayloads';

const everySample = (): Array<[string, unknown]> => [
  ['card', sample.card()], ['carousel', sample.carousel(10)], ['choice', sample.choice()], ['text', sample.text('Hi')],
  ['image', sample.image()], ['video', sample.video()], ['video without thumbnail', sample.video(null)], ['audio', sample.audio()],
  ['location', sample.location()], ['sticker', sample.sticker()], ['list', sample.list()], ['contact', sample.contactInfo()],
  ['template', sample.template()], ['explicit', sample.explicitShowcase()], ['square', sample.squareTemplate()],
  ['long title', sample.card({ title: 'x'.repeat(45) })], ['too many buttons', sample.card({ choices: Array(6).fill(sample.choices.postback('Ok')) })],
  ['too many cards', sample.carousel(12)], ['no recipient', { ...sample.text('Hi'), recipient: {} }],
];

describe('renderMessage: untrusted payload text', () => {
  it('renders a hostile title as text, never as markup', () => {
    const { html, tree } = render(sample.card({ title: sample.hostile, description: '</div><script>alert(1)</script>' }));
    assert.equal(textOf(parts(tree, 'title')[0]!), sample.hostile);
    assert.equal(textOf(parts(tree, 'description')[0]!), '</div><script>alert(1)</script>');
    assert.ok(!elements(tree).some((e) => e.tag === 'script' || (e.tag === 'img' && e.attributes.src === 'x')));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('escapes payload strings in attributes too (pointers, tooltips, labels)', () => {
    const payload = sample.card({ choices: [sample.choices.url('Go', 'https://x.test/"><script>alert(1)</script>')] });
    const message = payload.message as Record<string, unknown>;
    message['a"b'] = 1;
    const { tree } = render(payload);
    const [button] = parts(tree, 'button');
    assert.equal(button?.attributes.title, 'Opens a URL: https://x.test/"><script>alert(1)</script>');
    assert.ok(!elements(tree).some((e) => e.tag === 'script'));
    const stickerTree = render(sample.sticker('"><b>', '1"><img src=x>')).tree;
    assert.ok(!elements(stickerTree).some((e) => e.tag === 'img' || e.tag === 'b'), 'a non-numeric sticker id builds no URL');
    assert.match(textOf(stickerTree), /Sticker "><b>\/1"><img src=x>/);
  });

  it('loads only https: media URLs; http: and any other scheme stay a labelled placeholder', () => {
    const srcOf = (url: string) => elements(render(sample.image(url)).tree).find((e) => e.tag === 'img')?.attributes.src;
    assert.equal(srcOf('https://media.test/a.png'), 'https://media.test/a.png');
    for (const url of ['http://media.test/a.png', 'http://169.254.169.254/latest/meta-data/', 'javascript:alert(1)', 'data:image/png;base64,iVBORw0KGgo=', 'file:///etc/passwd', '//evil.test/a.png', '{{IMAGE_URL}}', 'https://{{HOST}}/a.png', '', 'vbscript:x']) {
      assert.equal(srcOf(url), undefined, url);
    }
    assert.match(textOf(render(sample.image('javascript:alert(1)')).tree), /not loaded \(LINE loads only https: URLs\): javascript:alert\(1\)/);
    assert.match(textOf(render(sample.image('{{IMAGE_URL}}')).tree), /\{\{IMAGE_URL\}\}: filled in at send time/);
  });

  it('emits no script, no inline handler and no style attribute, which the webview CSP would refuse', () => {
    for (const [name, payload] of everySample()) {
      for (const e of elements(render(payload).tree)) {
        assert.notEqual(e.tag, 'script', name);
        assert.notEqual(e.tag, 'style', name);
        for (const attribute of Object.keys(e.attributes)) {
          assert.ok(!/^on/i.test(attribute) && attribute !== 'style', `${name}: <${e.tag} ${attribute}>`);
        }
      }
    }
  });

  it('shows every diagnostic exactly once, on a part or in the list beside the chat', () => {
    for (const [name, payload] of everySample()) {
      const { tree, diagnostics } = render(payload);
      const shown = parts(tree, 'problem').map((p) => p.attributes['data-code']).sort();
      assert.deepEqual(shown, diagnostics.map((d) => d.code).sort(), name);
    }
  });
});

describe('renderPage', () => {
  it('is a self-contained page: inline CSS, no script, a CSP that allows images only', () => {
    const html = renderPage({ payload: sample.card(), diagnostics: [] }, { theme: 'dark', title: '<card>.json' });
    const tree = parseHtml(html);
    const all = elements(tree);
    assert.ok(!all.some((e) => e.tag === 'script' || e.tag === 'link'));
    const style = all.find((e) => e.tag === 'style')?.children[0];
    assert.ok(typeof style === 'string' && style.includes('.lp-phone {'));
    const csp = all.find((e) => e.tag === 'meta' && e.attributes['http-equiv'] === 'Content-Security-Policy')?.attributes.content;
    assert.match(csp ?? '', /default-src 'none'/);
    assert.doesNotMatch(csp ?? '', /script-src/);
    assert.equal(textOf(all.find((e) => e.tag === 'title')!), 'LINE preview · <card>.json');
    assert.equal(all.find((e) => e.tag === 'body')?.attributes['data-theme'], 'dark');
  });
});
