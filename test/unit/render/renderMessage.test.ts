import * as assert from 'node:assert/strict';
import { renderMessage } from '../../../src/core/render';
import { elements, parts, textOf } from './htmlTree';
import { render } from './renderHelpers';
import * as sample from './samplePayloads';

const kindOf = (payload: unknown) => parts(render(payload).tree, 'bubble').map((b) => b.attributes['data-kind']);

describe('renderMessage: LINE message kinds', () => {
  it('draws a card as a buttons template: image box, title, description, stacked buttons of each action kind', () => {
    const { tree } = render(sample.card());
    const [bubble] = parts(tree, 'bubble');
    assert.equal(bubble?.attributes['data-kind'], 'card');
    const [card, ...otherCards] = parts(tree, 'card');
    assert.ok(card);
    assert.equal(otherCards.length, 0);
    const [image] = parts(card, 'image');
    assert.equal(image?.attributes['data-aspect'], 'rectangle');
    assert.equal(image?.attributes['data-pointer'], '/message/card_message/media_message');
    assert.equal(textOf(parts(card, 'title')[0]!), 'Summer sale');
    assert.equal(textOf(parts(card, 'description')[0]!), '20% off every sticker pack until Sunday.');
    const buttons = parts(card, 'button');
    assert.deepEqual(buttons.map((b) => b.attributes['data-action']), ['postback', 'url', 'call', 'location']);
    assert.deepEqual(buttons.map((b) => textOf(b)), ['Yes please', 'Open the shop', 'Call the store', 'Find a store']);
    assert.equal(buttons[1]!.attributes.title, 'Opens a URL: https://shop.example.com/sale');
  });

  it('draws a 10-card carousel as 10 columns of 3 buttons each', () => {
    const { tree } = render(sample.carousel(10));
    const [bubble] = parts(tree, 'bubble');
    assert.equal(bubble?.attributes['data-kind'], 'carousel');
    const cards = parts(bubble!, 'card');
    assert.equal(cards.length, 10);
    for (const [i, card] of cards.entries()) {
      assert.equal(parts(card, 'button').length, 3);
      assert.equal(textOf(parts(card, 'title')[0]!), `Pack ${i + 1}`);
      assert.equal(card.attributes['data-pointer'], `/message/carousel_message/cards/${i}`);
    }
  });

  it('gives every message type its bubble kind', () => {
    assert.deepEqual(kindOf(sample.text('Hi')), ['text']);
    assert.deepEqual(kindOf(sample.image()), ['media']);
    assert.deepEqual(kindOf(sample.choice()), ['choice']);
    assert.deepEqual(kindOf(sample.location()), ['location']);
    assert.deepEqual(kindOf(sample.sticker()), ['sticker']);
    assert.deepEqual(kindOf(sample.list()), ['transcoded']);
    assert.deepEqual(kindOf(sample.contactInfo()), ['transcoded']);
    assert.deepEqual(kindOf(sample.template()), ['transcoded']);
    assert.deepEqual(kindOf(sample.explicitShowcase()), ['text', 'sticker', 'location', 'choice']);
    assert.deepEqual(kindOf(sample.explicitLine([{ type: 'flex', altText: 'x', contents: {} }])), ['other']);
  });

  it('tells image, video and audio apart in media messages', () => {
    const media = (payload: unknown) => parts(render(payload).tree, 'bubble')[0]!.attributes['data-media'];
    assert.equal(media(sample.image()), 'image');
    assert.equal(media(sample.video()), 'video');
    assert.equal(media(sample.audio()), 'audio');
    assert.equal(media(sample.image('https://media.test/manual.pdf')), 'file');
  });

  it('shows a video by its thumbnail with a play mark, and audio as a bar with its duration', () => {
    const video = render(sample.video()).tree;
    assert.equal(elements(video).find((e) => e.tag === 'img')?.attributes.src, 'https://media.test/thumb.jpg');
    assert.ok(elements(video).some((e) => e.attributes.class === 'lp-play'));
    assert.equal(textOf(elements(render(sample.audio()).tree).find((e) => e.attributes.class === 'lp-audio-time')!), '--:--');
    const explicitAudio = render(sample.explicitLine([{ type: 'audio', originalContentUrl: 'https://media.test/a.m4a', duration: 42_000 }])).tree;
    assert.equal(textOf(elements(explicitAudio).find((e) => e.attributes.class === 'lp-audio-time')!), '0:42');
  });

  it('shows a location as a map-pin card with title, address and coordinates', () => {
    const text = textOf(parts(render(sample.location()).tree, 'bubble')[0]!);
    assert.match(text, /LINE Store Harajuku/);
    assert.match(text, /1-14-30 Jingumae, Shibuya, Tokyo/);
    assert.match(text, /35\.67020, 139\.70270/);
  });

  it('shows a sticker from explicit_channel_message with its LINE image URL and a package/sticker label', () => {
    const { tree } = render(sample.sticker('446', '1988'));
    const img = elements(tree).find((e) => e.tag === 'img');
    assert.equal(img?.attributes.src, 'https://stickershop.line-scdn.net/stickershop/v1/sticker/1988/android/sticker.png');
    assert.equal(img?.attributes['data-label'], 'Sticker 446/1988');
  });

  it('labels list, contact info and template messages as transcoded and shows what LINE receives', () => {
    const list = parts(render(sample.list()).tree, 'bubble')[0]!;
    assert.match(textOf(list), /^Transcoded · list message → text/);
    assert.match(textOf(list), /Our menu.*Pick a dish.*Mains.*• Ramen.*Tonkotsu broth.*• Curry/);
    assert.match(textOf(parts(render(sample.contactInfo()).tree, 'bubble')[0]!), /Hana Sato.*Phone: \+81312345678.*Email: hana@example\.com/);
    assert.match(textOf(parts(render(sample.template()).tree, 'bubble')[0]!), /Template order-shipped.*name = Hana/);
  });

  it('draws a confirm template with its two buttons side by side, and a square image when the template asks for one', () => {
    const showcase = render(sample.explicitShowcase()).tree;
    const confirm = parts(showcase, 'bubble').find((b) => b.attributes['data-kind'] === 'choice')!;
    assert.ok(elements(confirm).some((e) => e.attributes.class === 'lp-buttons lp-buttons-row'));
    const [image] = parts(render(sample.squareTemplate()).tree, 'image');
    assert.equal(image?.attributes['data-aspect'], 'square');
    assert.deepEqual(parts(render(sample.squareTemplate()).tree, 'button').map((b) => b.attributes['data-action']), ['postback', 'url', 'call']);
  });

  it('says when explicit_channel_message.LINE replaces the generic message', () => {
    const payload = sample.card();
    (payload.message as Record<string, unknown>).explicit_channel_message = { LINE: JSON.stringify({ messages: [{ type: 'text', text: 'Hi' }] }) };
    const { tree } = render(payload);
    assert.deepEqual(parts(tree, 'bubble').map((b) => b.attributes['data-kind']), ['text']);
    assert.match(textOf(tree), /explicit_channel_message\.LINE replaces the card message on LINE/);
  });

  it('marks button kinds LINE has no action for as unsupported', () => {
    const { tree } = render(sample.card({ choices: [sample.choices.calendar('Add to calendar')] }));
    const [button] = parts(tree, 'button');
    assert.equal(button?.attributes['data-action'], 'unsupported');
    assert.equal(button?.attributes['data-problem'], 'warning');
  });

  it('sets the theme and is deterministic', () => {
    assert.match(render(sample.card(), 'dark').html, /^<div class="lp-root" data-theme="dark">/);
    assert.equal(render(sample.carousel(3)).html, render(sample.carousel(3)).html);
  });

  it('never throws, whatever the payload, and says why nothing is drawn', () => {
    const odd: unknown[] = [
      null, 42, 'text', [], {}, { message: 5 }, { message: {} }, { message: { card_message: 'x' } },
      { message: { carousel_message: { cards: [null, 5, { choices: [null, 7, {}] }] } } },
      { message: { choice_message: { choices: 'none' } } }, { message: { media_message: { url: 5 } } },
      { message: { explicit_channel_message: { LINE: '{not json' } } }, { message: { explicit_channel_message: { LINE: '{"messages":5}' } } },
      { message: { explicit_channel_message: { LINE: '{"messages":[null,{"type":"template","template":{"type":"carousel","columns":[5]}}]}' } } },
      { message: { location_message: { coordinates: { latitude: 'north' } } } },
      { message: { list_message: { sections: [{ items: [5, { product: { id: 'p1' } }] }] } } },
    ];
    for (const payload of odd) {
      const html = renderMessage({ payload, diagnostics: [] }, { theme: 'light' });
      assert.match(html, /class="lp-phone"/, JSON.stringify(payload));
    }
    assert.match(renderMessage({ payload: null, diagnostics: [] }, { theme: 'light' }), /data-part="empty">The payload is not a JSON object/);
    assert.match(renderMessage({ payload: { message: {} }, diagnostics: [] }, { theme: 'light' }), /The message has no content that LINE can show/);
  });
});
