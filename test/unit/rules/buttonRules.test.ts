import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import {
  assertClean,
  assertNone,
  assertSeverity,
  check,
  codes,
  listDiagnostics,
  only,
  positionOf,
  text,
  underlined,
  withCode,
} from '../core/testSupport';

const textChoice = (label: string, postback = label.toLowerCase()) => ({ text_message: { text: label }, postback_data: postback });
const buttons = (n: number) => Array.from({ length: n }, (_, i) => textChoice(`Option ${i + 1}`));

const allFourKinds = [
  { text_message: { text: 'Book now' }, postback_data: 'action=book' },
  { url_message: { title: 'Website', url: 'https://example.com' } },
  { call_message: { title: 'Call us', phone_number: '+15551231234' } },
  { location_message: { title: 'Our shop', label: '1 Main St', coordinates: { latitude: 35.6812, longitude: 139.7671 } } },
];

describe('button count rules', () => {
  describe('choice message: 4 buttons pass, 5 fail', () => {
    const choice = (n: number) => text({ choice_message: { text_message: { text: 'Pick one' }, choices: buttons(n) } });

    it('passes with 4', () => assertClean(check(choice(4))));

    it('reports choice.too-many-buttons with 5, on the "choices" key', () => {
      const source = choice(5);
      const result = check(source);
      assert.deepEqual(codes(result.diagnostics), ['choice.too-many-buttons'], listDiagnostics(result.diagnostics));
      const d = result.diagnostics[0]!;
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/choice_message/choices');
      assert.equal(underlined(result, d), '"choices"');
      assert.deepEqual(d.range.start, { line: positionOf(source, '"choices"').line, character: positionOf(source, '"choices"').character });
      assert.match(d.message, /5 buttons/);
      assert.match(d.message, /at most 4/);
      assert.deepEqual(d.data, { limit: 4, actual: 5 });
    });
  });

  describe('card message: 4 buttons pass, 5 fail', () => {
    const card = (n: number) => text({ card_message: { title: 'Card', description: 'Text', choices: buttons(n) } });

    it('passes with 4', () => assertClean(check(card(4))));

    it('reports card.too-many-buttons with 5', () => {
      const result = check(card(5));
      const d = only(result, 'card.too-many-buttons');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/card_message/choices');
      assert.equal(underlined(result, d), '"choices"');
      assert.deepEqual(d.data, { limit: 4, actual: 5 });
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });
  });

  describe('carousel card: 3 buttons pass, 4 fail', () => {
    const carousel = (n: number) =>
      text({ carousel_message: { cards: [{ title: 'A', description: 'a', choices: buttons(n) }, { title: 'B', description: 'b', choices: buttons(n) }] } });

    it('passes with 3 on every card', () => assertClean(check(carousel(3))));

    it('reports carousel.card.too-many-buttons once per card with 4', () => {
      const result = check(carousel(4));
      const found = withCode(result, 'carousel.card.too-many-buttons');
      assert.deepEqual(
        found.map((d) => d.pointer),
        ['/message/carousel_message/cards/0/choices', '/message/carousel_message/cards/1/choices'],
      );
      for (const d of found) {
        assertSeverity(d, 'error');
        assert.match(d.message, /4 buttons/);
        assert.match(d.message, /at most 3/);
        assert.deepEqual(d.data, { limit: 3, actual: 4 });
      }
      assert.match(found[1]!.message, /Carousel card 2/);
      assert.equal(result.diagnostics.length, 2, listDiagnostics(result.diagnostics));
    });

    it('a lone carousel card still has the 3-button limit', () => {
      const result = check(text({ carousel_message: { cards: [{ title: 'A', choices: buttons(4) }] } }));
      only(result, 'carousel.card.too-many-buttons');
      assertNone(result, 'card.too-many-buttons');
    });
  });

  it('no choices at all is fine on a card', () => {
    assertClean(check(text({ card_message: { title: 'Card', description: 'No buttons' } })));
  });
});

describe('choice kinds', () => {
  it('accepts all four kinds LINE supports, with no diagnostic', () => {
    assertClean(check(text({ choice_message: { text_message: { text: 'Pick' }, choices: allFourKinds } })));
    assertClean(check(text({ card_message: { title: 'Card', choices: allFourKinds } })));
  });

  for (const kind of ['calendar_message', 'share_location_message'] as const) {
    it(`warns that LINE has no button for ${kind}, on its key`, () => {
      const choice =
        kind === 'calendar_message'
          ? { calendar_message: { title: 'Add', event_start: '2030-01-01T10:00:00Z', event_end: '2030-01-01T11:00:00Z', event_title: 'Meet', fallback_url: 'https://example.com/meet.ics' } }
          : { share_location_message: { title: 'Share', fallback_url: 'https://example.com' } };
      for (const container of ['choice', 'card', 'carousel'] as const) {
        const message =
          container === 'choice'
            ? { choice_message: { text_message: { text: 'Pick' }, choices: [textChoice('OK'), choice] } }
            : container === 'card'
              ? { card_message: { title: 'Card', choices: [textChoice('OK'), choice] } }
              : { carousel_message: { cards: [{ title: 'Card', choices: [textChoice('OK'), choice] }] } };
        const result = check(text(message));
        const d = only(result, 'choice.unsupported-on-line');
        assertSeverity(d, 'warning');
        assert.ok(d.pointer.endsWith(`/choices/1/${kind}`), d.pointer);
        assert.equal(underlined(result, d), `"${kind}"`);
        assert.match(d.message, new RegExp(kind));
        assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      }
    });
  }

  it('reports a choice with two actions once, on the second action key', () => {
    const result = check(
      text({ choice_message: { choices: [{ text_message: { text: 'A' }, url_message: { title: 'B', url: 'https://example.com' } }] } }),
    );
    const d = only(result, 'choice.multiple-actions');
    assertSeverity(d, 'error');
    assert.equal(d.pointer, '/message/choice_message/choices/0/url_message');
    assert.equal(underlined(result, d), '"url_message"');
    assert.match(d.message, /text_message and url_message/);
  });

  it('reports a choice with no action (only postback_data or empty)', () => {
    for (const choice of [{}, { postback_data: 'x' }]) {
      const result = check(text({ choice_message: { choices: [choice] } }));
      const d = only(result, 'choice.empty');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/choice_message/choices/0');
    }
  });

  it('a choice whose only action is misspelt is empty (error), besides the unknown-property warning', () => {
    const result = check(text({ choice_message: { choices: [{ txt_message: { text: 'OK' }, postback_data: 'ok' }] } }));
    assertSeverity(only(result, 'choice.empty'), 'error');
    assertSeverity(only(result, 'schema.unknown-property'), 'warning');
    assert.equal(result.diagnostics.length, 2, listDiagnostics(result.diagnostics));
  });

  it('an unknown *_message key beside a real action is an unknown property, not a second action', () => {
    const result = check(text({ choice_message: { choices: [{ text_message: { text: 'OK' }, email_message: { to: 'a@b.c' } }] } }));
    assertNone(result, 'choice.multiple-actions');
    only(result, 'schema.unknown-property');
  });

  it('an unknown key in a choice is a schema warning, not a crash', () => {
    const result = check(text({ choice_message: { choices: [{ text_message: { text: 'OK' }, colour: 'red' }] } }));
    assert.ok(result.diagnostics.some((d) => d.code === 'schema.unknown-property' && d.pointer === '/message/choice_message/choices/0/colour'), listDiagnostics(result.diagnostics));
  });
});

describe('carousel-level (outer) choices', () => {
  const outer = (n: number) => JSON.stringify({
    app_id: 'A',
    recipient: { contact_id: 'C' },
    message: {
      carousel_message: {
        cards: [{ title: 'Only', description: 'd', choices: [{ text_message: { text: 'x' } }] }],
        choices: Array.from({ length: n }, (_, i) => ({ text_message: { text: `Outer ${i + 1}` } })),
      },
    },
  }, null, 2);

  it('3 pass, 4 are carousel.too-many-choices (the Conversation API limit) on the "choices" key', () => {
    assert.deepEqual(checkText(outer(3)).diagnostics.map((d) => d.code), []);
    const result = checkText(outer(4));
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['carousel.too-many-choices']);
    const d = result.diagnostics[0]!;
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/message/carousel_message/choices');
    assert.equal(result.document.text.slice(d.offset, d.offset + d.length), '"choices"');
    assert.equal(d.message, 'The carousel (outside its cards) has 4 buttons; the Conversation API allows at most 3.');
  });
});
