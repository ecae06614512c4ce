import * as assert from 'node:assert/strict';
import { closest, elements, parts, textOf } from './htmlTree';
import { render } from './renderHelpers';
import * as sample from './samplePayloads';

const overflowOf = (e: Parameters<typeof elements>[0]) => parts(e, 'overflow').map(textOf);

describe('renderMessage: diagnostics on the parts they point at', () => {
  it('marks a card title over 40 characters and highlights what LINE refuses', () => {
    const title = 'Summer sale: 20% off every LINE sticker!!';
    const { tree } = render(sample.card({ title }));
    const [part] = parts(tree, 'title');
    assert.equal(part?.attributes['data-problem'], 'error');
    assert.equal(part?.attributes['data-pointer'], '/message/card_message/title');
    assert.deepEqual(overflowOf(part!), ['!']);
    assert.equal(textOf(part!), title, 'the whole text stays readable');
    const note = parts(tree, 'problem').find((p) => p.attributes['data-code'] === 'card.title.too-long');
    assert.equal(note?.attributes['data-severity'], 'error');
    assert.match(textOf(note!), /Card title is 41 characters; LINE allows at most 40/);
  });

  it('marks a card with 5 buttons and dims the buttons beyond LINE\'s 4', () => {
    const { tree } = render(sample.card({ choices: ['A', 'B', 'C', 'D', 'E'].map((t) => sample.choices.postback(t)) }));
    const [card] = parts(tree, 'card');
    assert.equal(card?.attributes['data-problem'], 'error');
    const beyond = parts(card!, 'button').filter((b) => b.attributes['data-beyond-limit'] === 'true').map(textOf);
    assert.deepEqual(beyond, ['E']);
    assert.match(textOf(card!), /LINE shows at most 4 buttons/);
  });

  it('warns on a button label over 20 characters and shows where LINE may cut it', () => {
    const { tree } = render(sample.card({ choices: [sample.choices.url('Open the online sticker shop')] }));
    const [button] = parts(tree, 'button');
    assert.equal(button?.attributes['data-problem'], 'warning');
    assert.deepEqual(overflowOf(button!), ['ker shop'], 'LINE keeps the first 20 characters, "Open the online stic"');
  });

  it('marks an 11th carousel card and uneven columns', () => {
    const payload = sample.carousel(11);
    const { tree } = render(payload);
    const [carousel] = parts(tree, 'bubble');
    assert.equal(carousel?.attributes['data-problem'], 'error');
    const columns = elements(carousel!).filter((e) => e.attributes.class === 'lp-column');
    assert.deepEqual(columns.map((c) => c.attributes['data-beyond-limit'] === 'true'), [...Array(10).fill(false), true]);

    const uneven = sample.carousel(3);
    const cards = (uneven.message as { carousel_message: { cards: Array<Record<string, unknown>> } }).carousel_message.cards;
    delete cards[1]!.media_message;
    const marked = parts(render(uneven).tree, 'card').map((c) => c.attributes['data-problem']);
    assert.deepEqual(marked, [undefined, 'warning', undefined]);
  });

  it('marks a media problem on the part that shows the media', () => {
    const http = render(sample.card({ media_message: { url: 'http://media.test/sale.png' } })).tree;
    assert.equal(parts(http, 'image')[0]?.attributes['data-problem'], 'error');
    const video = render(sample.video(null)).tree;
    const [bubble] = parts(video, 'bubble');
    assert.equal(bubble?.attributes['data-problem'], 'error');
    assert.match(textOf(video), /A LINE video needs a thumbnail_url/);
    assert.equal(elements(video).filter((e) => e.tag === 'img').length, 0);
  });

  it('marks a problem inside explicit_channel_message.LINE on the LINE message it concerns', () => {
    const { tree } = render(sample.explicitLine([{ type: 'text', text: 'Hi' }, { type: 'sticker', packageId: '446' }]));
    const [text, sticker] = parts(tree, 'bubble');
    assert.equal(text?.attributes['data-problem'], undefined);
    assert.equal(sticker?.attributes['data-problem'], 'error');
    assert.equal(sticker?.attributes['data-pointer'], '/message/explicit_channel_message/LINE');
  });

  it('lists problems with no part in the chat beside it, clickable by pointer', () => {
    const { tree } = render({ ...sample.text('Hi'), recipient: {} });
    const [outside] = parts(tree, 'outside');
    const [note] = parts(outside!, 'problem');
    assert.equal(note?.attributes['data-pointer'], '/recipient');
    assert.match(textOf(note!), /The recipient needs contact_id or identified_by/);
  });

  it('summarises whether LINE would take the message', () => {
    const status = (payload: unknown) => parts(render(payload).tree, 'summary')[0]!.attributes['data-status'];
    assert.equal(status(sample.card()), 'ok');
    assert.equal(status(sample.card({ choices: [sample.choices.url('Open the online sticker shop')] })), 'warning');
    assert.equal(status(sample.card({ title: 'x'.repeat(41) })), 'error');
  });

  it('keeps a note next to its part: an image note sits inside the card, a card note right after it', () => {
    const { tree } = render(sample.card({ media_message: { url: 'https://media.test/a.gif' }, choices: Array(5).fill(sample.choices.postback('Ok')) }));
    const notes = parts(tree, 'problem');
    const imageNote = notes.find((n) => n.attributes['data-code'] === 'card.image-format')!;
    const cardNote = notes.find((n) => n.attributes['data-code'] === 'card.too-many-buttons')!;
    assert.ok(closest(imageNote, (e) => e.attributes['data-part'] === 'card'));
    assert.equal(closest(cardNote, (e) => e.attributes['data-part'] === 'card'), undefined);
  });
});
