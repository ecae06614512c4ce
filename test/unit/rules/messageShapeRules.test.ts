import * as assert from 'node:assert/strict';
import { messageKinds } from '../../../src/core/payload/messageKinds';
import { assertClean, assertNone, assertSeverity, check, codes, listDiagnostics, only, payload, text, underlined, withCode } from '../core/testSupport';

const samples: Record<string, unknown> = {
  text_message: { text: 'Hello' },
  media_message: { url: 'https://example.com/a.png' },
  choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: 'OK' } }] },
  card_message: { title: 'Card' },
  carousel_message: { cards: [{ title: 'A' }, { title: 'B' }] },
  location_message: { title: 'Tokyo', coordinates: { latitude: 35.68, longitude: 139.76 } },
  list_message: { title: 'List', sections: [{ title: 'S', items: [] }] },
  contact_info_message: { name: { full_name: 'Taro Yamada' }, phone_numbers: [{ phone_number: '+81312345678' }] },
  template_message: { omni_template: { template_id: 'tpl-1', version: '1' } },
};

describe('message shape rules', () => {
  describe('no type', () => {
    it('an empty message: exactly one message.no-type error, on the "message" key', () => {
      const result = check(text({}));
      assert.deepEqual(codes(result.diagnostics), ['message.no-type'], listDiagnostics(result.diagnostics));
      const d = result.diagnostics[0]!;
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message');
      assert.equal(underlined(result, d), '"message"');
    });

    it('a message holding only an agent or an empty explicit_channel_message has no type', () => {
      only(check(text({ agent: { display_name: 'Bot' } })), 'message.no-type');
      only(check(text({ explicit_channel_message: {} })), 'message.no-type');
    });

    it('an explicit_channel_message or channel_specific_message alone is content', () => {
      assertNone(check(text({ explicit_channel_message: { LINE: '{"messages":[{"type":"text","text":"hi"}]}' } })), 'message.no-type');
      assertNone(
        check(text({ channel_specific_message: { LINE: { message_type: 'NOTIFICATION_MESSAGE_TEMPLATE', message: { template_key: 'k', body: {} } } } })),
        'message.no-type',
      );
    });
  });

  describe('two or more types', () => {
    it('two types: one message.multiple-types error on the extra key, and nothing else', () => {
      const source = text({ text_message: { text: 'Hi' }, media_message: { url: 'https://example.com/a.png' } });
      const result = check(source);
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      const d = only(result, 'message.multiple-types');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/message/media_message');
      assert.equal(underlined(result, d), '"media_message"');
      assert.match(d.message, /text_message, media_message/);
      assert.deepEqual(d.data, { kinds: ['text_message', 'media_message'] });
    });

    it('three types: exactly two errors, one per extra type, in text order', () => {
      const result = check(text({ card_message: { title: 'A' }, text_message: { text: 'B' }, location_message: samples.location_message }));
      assert.deepEqual(
        result.diagnostics.map((d) => `${d.code} ${d.pointer}`),
        ['message.multiple-types /message/text_message', 'message.multiple-types /message/location_message'],
      );
    });

    it('all nine types: eight errors plus the three transcoded notes, no schema noise', () => {
      const result = check(text({ ...samples }));
      assert.equal(withCode(result, 'message.multiple-types').length, messageKinds.length - 1);
      assert.equal(withCode(result, 'message.transcoded').length, 3);
      assert.equal(result.diagnostics.length, messageKinds.length - 1 + 3, listDiagnostics(result.diagnostics));
      assert.ok(!result.diagnostics.some((d) => d.code.startsWith('schema.')), listDiagnostics(result.diagnostics));
    });

    it('explicit_channel_message beside a type is not a second type', () => {
      assertClean(check(text({ text_message: { text: 'Hi' }, explicit_channel_message: { LINE: '{"messages":[{"type":"sticker","packageId":"446","stickerId":"1988"}]}' } })));
    });
  });

  describe('every kind alone', () => {
    for (const kind of messageKinds) {
      const transcoded = ['list_message', 'contact_info_message', 'template_message'].includes(kind);
      it(`${kind}: ${transcoded ? 'one message.transcoded information' : 'no diagnostic'}`, () => {
        const result = check(text({ [kind]: samples[kind] }));
        if (!transcoded) {
          assertClean(result);
          return;
        }
        assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
        const d = only(result, 'message.transcoded');
        assertSeverity(d, 'information');
        assert.equal(d.pointer, `/message/${kind}`);
        assert.equal(underlined(result, d), `"${kind}"`);
        // A template is resolved to its stored message, which LINE may draw natively: not "text and buttons".
        assert.match(d.message, kind === 'template_message' ? /resolved .* message stored .*natively.*transcoded otherwise/ : /transcodes/);
      });
    }
  });

  describe('recipient', () => {
    const withRecipient = (recipient: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ ...payload({ text_message: { text: 'Hi' } }), recipient, ...extra }, null, 2);
    const identity = (channel: string, identity = 'U4623a753d8b7372961651442123456') => ({ channel, identity });

    it('contact_id alone, or a LINE identity alone, is clean', () => {
      assertClean(check(withRecipient({ contact_id: '01FHZFNK0R9FG8WJK7SABCDEFG' })));
      assertClean(check(withRecipient({ identified_by: { channel_identities: [identity('LINE')] } })));
      assertClean(check(withRecipient({ identified_by: { channel_identities: [identity('SMS', '+15551231234'), identity('LINE')] } })));
    });

    it('both contact_id and identified_by: recipient.ambiguous on identified_by', () => {
      const result = check(withRecipient({ contact_id: 'c', identified_by: { channel_identities: [identity('LINE')] } }));
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      const d = only(result, 'recipient.ambiguous');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/recipient/identified_by');
      assert.equal(underlined(result, d), '"identified_by"');
    });

    it('neither: recipient.missing on the "recipient" key', () => {
      const result = check(withRecipient({}));
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      const d = only(result, 'recipient.missing');
      assertSeverity(d, 'error');
      assert.equal(underlined(result, d), '"recipient"');
    });

    it('no LINE identity: recipient.no-line-identity warning; a placeholder channel counts as LINE', () => {
      const d = only(check(withRecipient({ identified_by: { channel_identities: [identity('WHATSAPP', '+15551231234')] } })), 'recipient.no-line-identity');
      assertSeverity(d, 'warning');
      assert.equal(d.pointer, '/recipient/identified_by/channel_identities');
      assertClean(check(withRecipient({ identified_by: { channel_identities: [identity('{{CHANNEL}}')] } })));
    });

    it('an unknown channel name is a schema.enum error that mentions placeholders', () => {
      const result = check(withRecipient({ identified_by: { channel_identities: [identity('line')] } }));
      const d = only(result, 'schema.enum');
      assert.equal(d.pointer, '/recipient/identified_by/channel_identities/0/channel');
      assert.match(d.message, /"LINE"/);
      assert.match(d.message, /PLACEHOLDER/);
      assert.equal(underlined(result, d), '"line"');
    });

    it('an identity without identity or channel: schema.required', () => {
      const result = check(withRecipient({ identified_by: { channel_identities: [{ channel: 'LINE' }] } }));
      const d = only(result, 'schema.required');
      assert.equal(d.pointer, '/recipient/identified_by/channel_identities/0/identity');
    });

    it('an empty channel_identities list: schema.min-items', () => {
      only(check(withRecipient({ identified_by: { channel_identities: [] } })), 'schema.min-items');
    });

    it('a recipient that is not an object: schema.type only', () => {
      const result = check(withRecipient('01FHZFNK0R9FG8WJK7SABCDEFG'));
      assert.deepEqual(codes(result.diagnostics), ['schema.type']);
    });

    it('channel_priority_order without LINE: channel-priority.no-line warning', () => {
      const d = only(check(withRecipient({ contact_id: 'c' }, { channel_priority_order: ['SMS', 'WHATSAPP'] })), 'channel-priority.no-line');
      assertSeverity(d, 'warning');
      assert.equal(d.pointer, '/channel_priority_order');
      assertClean(check(withRecipient({ contact_id: 'c' }, { channel_priority_order: ['SMS', 'LINE'] })));
      assertClean(check(withRecipient({ contact_id: 'c' }, { channel_priority_order: ['{{CHANNEL}}'] })));
      assertClean(check(withRecipient({ contact_id: 'c' }, { channel_priority_order: [] })));
    });
  });
});
