// Our LINE message schema (explicit_channel_message.LINE) against LINE's official OpenAPI file.
import * as assert from 'node:assert/strict';
import lineExplicitSchema from '../../schemas/line-explicit-message.schema.json';
import { readFixture } from '../unit/core/testSupport';
import { parse as parseYaml } from 'yaml';
import { type Flat, OpenApi, Ours, type Schema, asSchema } from './schemaWalk';

const lineDoc = parseYaml(readFixture('contracts', 'line-openapi', 'messaging-api.yml'));
const line = OpenApi.fromDocument(lineDoc);
const ours = new Ours(lineExplicitSchema as unknown as Schema);
const def = (name: string): Schema => asSchema(asSchema(ours.root.definitions)[name]);

/**
 * Where LINE's file only types a property as a string but defines its allowed values in a separate component
 * (its descriptions say so), compare our enum with that component.
 */
const enumHints: Record<string, string> = {
  'ButtonsTemplate.imageAspectRatio': 'TemplateImageAspectRatio',
  'ButtonsTemplate.imageSize': 'TemplateImageSize',
  'CarouselTemplate.imageAspectRatio': 'TemplateImageAspectRatio',
  'CarouselTemplate.imageSize': 'TemplateImageSize',
};

/**
 * Fields LINE requires that the Conversation API fills in itself, so our schema rightly does not require them.
 * Each entry says why.
 */
const requiredBySinch: Record<string, string> = {
  'PushMessageRequest.to': 'the Conversation API sets the recipient from the message recipient',
};

/**
 * Compares one of our object schemas with a LINE component: LINE's required ⊆ ours, our properties ⊆ LINE's
 * with the same JSON type, equal enums where both have one, equal maxLength/maxItems where LINE has one.
 * Recurses into nested objects, arrays and polymorphic (discriminated) schemas. Returns problems naming the field.
 */
/** Every field label compared, so a test can prove the walk reaches deep fields. */
const visited = new Set<string>();

function compare(o: Ours, oursFlat: Flat, lineSchema: Schema, label: string, component: string, problems: string[], seen = new Set<string>()): void {
  const key = `${label}|${component}`;
  if (seen.has(key)) return;
  seen.add(key);
  const lineFlat = line.flatten(lineSchema);

  for (const r of lineFlat.required) {
    if (!oursFlat.required.has(r) && !requiredBySinch[`${component}.${r}`]) problems.push(`${label}.${r}: LINE (${component}) requires it, our schema does not`);
  }
  for (const [name, ourProp] of Object.entries(oursFlat.properties)) {
    const field = `${label}.${name}`;
    visited.add(field);
    const lineProp = lineFlat.properties[name];
    if (!lineProp) {
      problems.push(`${field}: not a property of LINE's ${component}`);
      continue;
    }
    const lineType = line.typeOf(lineProp);
    const ourTypes = o.typesOf(ourProp);
    if (!lineType) problems.push(`${field}: LINE's ${component} gives it no type`);
    else if (ourTypes.size !== 1 || !ourTypes.has(lineType)) {
      problems.push(`${field}: our type ${[...ourTypes].join('|') || '(none)'} differs from LINE's ${lineType}`);
    }

    const hint = enumHints[`${component}.${name}`];
    const lineEnum = line.enumOf(lineProp) ?? (hint ? line.enumOf(line.component(hint)) : undefined);
    const ourEnum = o.enumOf(ourProp) ?? ('const' in o.resolve(ourProp) ? [o.resolve(ourProp).const] : undefined);
    if (lineEnum && ourEnum && !sameSet(lineEnum, ourEnum)) {
      problems.push(`${field}: our values ${JSON.stringify(ourEnum)} differ from LINE's ${JSON.stringify(lineEnum)}`);
    }
    if (lineEnum && !ourEnum) problems.push(`${field}: LINE limits it to ${JSON.stringify(lineEnum)}, our schema does not`);

    const lineResolved = line.resolve(lineProp);
    const ourResolved = o.resolve(ourProp);
    for (const limit of ['maxLength', 'maxItems'] as const) {
      if (typeof lineResolved[limit] === 'number' && ourResolved[limit] !== lineResolved[limit]) {
        problems.push(`${field}: ${limit} ${String(ourResolved[limit] ?? '(none)')} differs from LINE's ${String(lineResolved[limit])}`);
      }
    }

    // Nested objects and array items.
    if (lineType === 'object') compareNested(o, ourProp, lineProp, field, problems, seen);
    if (lineType === 'array' && ourResolved.items && lineResolved.items) compareNested(o, asSchema(ourResolved.items), asSchema(lineResolved.items), `${field}[]`, problems, seen);
  }
}

function compareNested(o: Ours, ourProp: Schema, lineProp: Schema, field: string, problems: string[], seen: Set<string>): void {
  const lineName = line.refName(lineProp) ?? '(inline)';
  const mapping = line.discriminator(lineProp);
  const ourResolved = o.resolve(ourProp);
  if (mapping) {
    comparePolymorphic(o, ourProp, lineProp, field, problems, seen);
    return;
  }
  // We may leave a nested object open (quickReply: just "an object"): nothing to compare then.
  if (!ourResolved.properties && !ourResolved.allOf) return;
  compare(o, o.flatten(ourProp), lineProp, field, lineName, problems, seen);
}

/** Our `type` enum against LINE's discriminator, then each branch we define against LINE's component. */
function comparePolymorphic(o: Ours, ourProp: Schema, lineProp: Schema, field: string, problems: string[], seen: Set<string>): void {
  const mapping = line.discriminator(lineProp)!;
  const ourResolved = o.resolve(ourProp);
  const ourTypes = o.enumOf(asSchema(asSchema(ourResolved.properties).type));
  if (!ourTypes) {
    if (ourResolved.properties || ourResolved.allOf) problems.push(`${field}.type: LINE lists ${Object.keys(mapping).join(', ')}, our schema has no enum`);
    return;
  }
  if (!sameSet(ourTypes, Object.keys(mapping))) problems.push(`${field}.type: our values ${JSON.stringify(ourTypes)} differ from LINE's ${JSON.stringify(Object.keys(mapping))}`);
  for (const [value, component] of Object.entries(mapping)) {
    if (!ourTypes.includes(value)) continue;
    const branch = o.branch(ourResolved, value);
    // A type we list without a branch is accepted as is (flex, imagemap…): only its common fields are checked.
    const flat = o.flatten(ourResolved, value);
    if (!branch) {
      const base = line.flatten(lineProp);
      for (const name of Object.keys(flat.properties)) if (!base.properties[name]) problems.push(`${field}<${value}>.${name}: not a common property of LINE's ${line.refName(lineProp)}`);
      continue;
    }
    compare(o, flat, { $ref: `#/components/schemas/${component}` }, `${field}<${value}>`, component, problems, seen);
  }
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const sa = new Set(a.map((v) => JSON.stringify(v)));
  const sb = new Set(b.map((v) => JSON.stringify(v)));
  return sa.size === sb.size && [...sa].every((v) => sb.has(v));
}

describe('contract: LINE Messaging API OpenAPI (messaging-api.yml) vs schemas/line-explicit-message.schema.json', () => {
  it('the OpenAPI file has the components we compare with', () => {
    for (const name of ['PushMessageRequest', 'Message', 'TextMessage', 'StickerMessage', 'ImageMessage', 'VideoMessage', 'AudioMessage', 'LocationMessage', 'TemplateMessage', 'Template', 'ButtonsTemplate', 'ConfirmTemplate', 'CarouselTemplate', 'CarouselColumn', 'ImageCarouselTemplate', 'ImageCarouselColumn', 'Action', 'PostbackAction', 'MessageAction', 'URIAction', 'DatetimePickerAction', 'ClipboardAction', 'RichMenuSwitchAction', 'Sender', 'AltUri']) {
      assert.ok(line.schemas[name], `messaging-api.yml has no ${name}`);
    }
  });

  it("LINE's message types are exactly our message type enum", () => {
    const ourTypes = ours.enumOf(asSchema(asSchema(def('message').properties).type))!;
    assert.deepEqual([...ourTypes].sort(), Object.keys(line.discriminator(line.component('Message'))!).sort());
  });

  it('the request body (messages, notificationDisabled, customAggregationUnits) agrees with PushMessageRequest', () => {
    const problems: string[] = [];
    const root = ours.flatten(ours.root);
    // `messages` items are polymorphic: compared message by message below.
    const { messages: _messages, ...rest } = root.properties;
    compare(ours, { properties: rest, required: root.required }, line.component('PushMessageRequest'), 'body', 'PushMessageRequest', problems);
    const messages = asSchema(root.properties.messages);
    const lineMessages = line.flatten(line.component('PushMessageRequest')).properties.messages!;
    assert.equal(messages.maxItems, lineMessages.maxItems, 'messages.maxItems');
    assert.equal(messages.minItems, lineMessages.minItems, 'messages.minItems');
    assert.deepEqual(problems, []);
  });

  const messageTypes: [string, string][] = [
    ['text', 'TextMessage'],
    ['sticker', 'StickerMessage'],
    ['image', 'ImageMessage'],
    ['video', 'VideoMessage'],
    ['audio', 'AudioMessage'],
    ['location', 'LocationMessage'],
    ['template', 'TemplateMessage'],
  ];
  for (const [type, component] of messageTypes) {
    it(`${type} message agrees with LINE's ${component} (required, types, enums, maxLength; nested objects too)`, () => {
      assert.equal(line.discriminator(line.component('Message'))![type], component);
      const branch = ours.branch(def('message'), type);
      assert.ok(branch, `our message schema has no branch for type "${type}"`);
      const problems: string[] = [];
      compare(ours, ours.flatten(def('message'), type), line.component(component), type, component, problems);
      assert.deepEqual(problems, []);
    });
  }

  it('every template type and action type we define agrees with LINE (via the template message)', () => {
    // Already covered through template → templateBody → actions; asserted separately so a failure is easy to find.
    const problems: string[] = [];
    comparePolymorphic(ours, def('templateBody'), { $ref: '#/components/schemas/Template' }, 'template', problems, new Set());
    comparePolymorphic(ours, def('action'), { $ref: '#/components/schemas/Action' }, 'action', problems, new Set());
    assert.deepEqual(problems, []);
  });

  it('postback data is limited to 300 in both, richmenuswitch alias to 32, clipboard text to 1000', () => {
    const limit = (component: string, field: string) => line.flatten(line.component(component)).properties[field]!.maxLength;
    const ourLimit = (type: string, field: string) => asSchema(ours.flatten(def('action'), type).properties[field]).maxLength;
    assert.equal(limit('PostbackAction', 'data'), 300);
    assert.equal(ourLimit('postback', 'data'), 300);
    assert.equal(ourLimit('datetimepicker', 'data'), limit('DatetimePickerAction', 'data'));
    assert.equal(ourLimit('richmenuswitch', 'richMenuAliasId'), limit('RichMenuSwitchAction', 'richMenuAliasId'));
    assert.equal(ourLimit('clipboard', 'clipboardText'), limit('ClipboardAction', 'clipboardText'));
  });

  it('the walk reached nested fields: sender, template columns, actions, altUri', () => {
    for (const field of [
      'text.sender.name',
      'image.sender.iconUrl',
      'template.template<buttons>.actions[]<postback>.data',
      'template.template<buttons>.defaultAction<uri>.altUri.desktop',
      'template.template<carousel>.columns[].actions[]<message>.text',
      'template.template<image_carousel>.columns[].action<datetimepicker>.mode',
      'template.template<confirm>.actions[]<richmenuswitch>.richMenuAliasId',
      'template.template<buttons>.imageAspectRatio',
      'video.trackingId',
      'audio.duration',
      'location.latitude',
    ]) {
      assert.ok(visited.has(field), `${field} was not compared; compared: ${[...visited].filter((v) => v.startsWith(field.split('.')[0]!)).slice(0, 40).join(', ')}`);
    }
    assert.ok(visited.size > 100, `only ${visited.size} fields compared`);
  });

  it('the comparison itself catches a drift (self-test on a deliberately wrong copy)', () => {
    const wrong = JSON.parse(JSON.stringify(lineExplicitSchema)) as { definitions: Record<string, Schema> };
    const sticker = wrong.definitions.sticker as { required: string[]; properties: Record<string, Schema> };
    sticker.required = ['type', 'packageId'];
    sticker.properties.packageId = { type: 'integer' };
    sticker.properties.colour = { type: 'string' };
    const drifted = new Ours(wrong as unknown as Schema);
    const problems: string[] = [];
    compare(drifted, drifted.flatten(asSchema(wrong.definitions.message), 'sticker'), line.component('StickerMessage'), 'sticker', 'StickerMessage', problems);
    assert.deepEqual(problems.sort(), [
      'sticker.colour: not a property of LINE\'s StickerMessage',
      "sticker.packageId: our type integer differs from LINE's string",
      'sticker.stickerId: LINE (StickerMessage) requires it, our schema does not',
    ]);
  });
});
