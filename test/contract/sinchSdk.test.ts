// schemas/send-message.schema.json against the request types of the official Sinch Node SDK (@sinch/conversation,
// pinned in devDependencies): walks SendMessageRequest<Recipient> from the SDK's declaration files and our schema
// side by side, and fails on any disagreement: a field one side has and the other lacks, required vs optional,
// nullable, JSON type, enum values, and the lengths the SDK documents.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import sendMessageSchema from '../../schemas/send-message.schema.json';
import { repoRoot } from '../unit/core/testSupport';
import { Ours, type Schema, asSchema } from './schemaWalk';
import { type SdkField, SdkModel, type SdkObject, type SdkType } from './sdkTypes';

const packageDir = path.join(repoRoot(), 'node_modules', '@sinch', 'conversation');
const sdk = new SdkModel(packageDir);
const sdkRoot = sdk.root() as SdkObject;

/**
 * Each deliberate difference, keyed by our field path, with its reason. Anything not listed here is a failure.
 * `extra`: a field ours accepts that the SDK does not type. `enum-extra`/`enum-missing`: values. `type`: JSON types.
 * `opaque`: an object ours leaves unchecked. `rule`: a documented limit enforced by a rule rather than the schema.
 */
const deliberate: Record<string, string> = {
  'extra project_id': "the API's OpenAPI file (SendMessageRequest.project_id) still lists it; the SDK puts it in the URL only",
  'enum-missing channel_priority_order[]:CHANNEL_UNSPECIFIED': 'the SDK\'s own description: "Must be one of the enum values except CHANNEL_UNSPECIFIED"',
  'enum-missing recipient.identified_by.channel_identities[].channel:CHANNEL_UNSPECIFIED': 'the SDK\'s own description: "Must be one of the enum values except CHANNEL_UNSPECIFIED"',
  'enum-extra channel_priority_order[]:VIBER': "the API's OpenAPI file lists VIBER (Viber Business Messages is VIBERBM; VIBER is the older bot channel)",
  'enum-extra recipient.identified_by.channel_identities[].channel:VIBER': "the API's OpenAPI file lists VIBER",
  'type ttl': 'the SDK takes any number and formats it; the API takes whole seconds, so ours accepts integers (the ttl rule checks the range)',
  'opaque message.explicit_channel_omni_message': 'its keys are WHATSAPP, KAKAOTALK and WECHAT only: nothing in it reaches LINE',
  'rule channel_properties': 'channel-property.too-long (value length 1024)',
  'rule message.card_message.choices': 'card.too-many-buttons (LINE allows 4, stricter than the 10 documented)',
  'rule message.choice_message.choices': 'choice.too-many-buttons (LINE allows 4, stricter than the 10 documented)',
  'rule message.carousel_message.cards': 'carousel.too-many-cards (10)',
  'rule message.carousel_message.choices': 'carousel.too-many-choices (3)',
  'rule message.carousel_message.cards[].choices': 'carousel.card.too-many-buttons (LINE allows 3, stricter than the 10 documented)',
  'length conversation_metadata': 'documented as "up to 2048 characters" of an object: its serialized size, which a JSON Schema cannot state',
};

/** Lengths the SDK documents in prose: "Up to 128 characters long", "limited to 10", "A list of up to 10 cards". */
export function documentedLimit(doc: string): number | undefined {
  const match = /(?:up to|limited to|maximum allowed property value length is|at most|max(?:imum)?)\s+([\d,]+)\s*(?:characters|cards|\.|$)/i.exec(doc);
  return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}

interface Walk {
  ours: Ours;
  problems: string[];
  used: Set<string>;
  seen: Set<string>;
  fields: Set<string>;
}

function allow(w: Walk, key: string): boolean {
  if (!(key in deliberate)) return false;
  w.used.add(key);
  return true;
}

function typeName(t: SdkType): string {
  if (t.kind === 'union') return t.options.map(typeName).join('|');
  return t.kind === 'enum' ? 'string' : t.kind === 'any-object' ? 'object' : t.kind;
}

/** The JSON types our schema accepts for an SDK type. */
function accepts(ourTypes: Set<string>, t: SdkType): boolean {
  switch (t.kind) {
    case 'enum':
    case 'string':
      return ourTypes.has('string');
    case 'number':
      return ourTypes.has('number');
    case 'boolean':
      return ourTypes.has('boolean');
    case 'array':
      return ourTypes.has('array');
    case 'object':
    case 'any-object':
      return ourTypes.has('object');
    case 'union':
      return t.options.every((option) => accepts(ourTypes, option));
    case 'unknown':
      return true;
  }
}

/** Our schema node with its anyOf alternatives merged (placeholder branches add nothing but strings). */
function ourEnum(o: Ours, schema: Schema): unknown[] | undefined {
  const s = o.resolve(schema);
  if ('const' in s) return [s.const];
  return o.enumOf(s);
}

function compareValue(w: Walk, sdkType: SdkType, ourSchema: Schema, at: string): void {
  const o = w.ours;
  const resolved = o.resolve(ourSchema);
  const ourTypes = o.typesOf(resolved);
  if (sdkType.kind === 'unknown') return;
  if (!accepts(ourTypes, sdkType) && !allow(w, `type ${at}`)) {
    w.problems.push(`${at}: the SDK types it ${typeName(sdkType)}, ours accepts ${[...ourTypes].join('|') || 'anything'}`);
    return;
  }
  const numeric = sdkType.kind === 'number' || (sdkType.kind === 'union' && sdkType.options.some((option) => option.kind === 'number'));
  if (numeric && !ourTypes.has('number') && ourTypes.has('integer') && !allow(w, `type ${at}`)) {
    w.problems.push(`${at}: the SDK takes any number, ours only integers`);
  }
  if (sdkType.kind === 'enum') {
    const mine = ourEnum(o, resolved);
    if (!mine) {
      w.problems.push(`${at}: the SDK lists ${JSON.stringify(sdkType.values)}, ours takes any string`);
      return;
    }
    for (const v of sdkType.values) if (!mine.includes(v) && !allow(w, `enum-missing ${at}:${v}`)) w.problems.push(`${at}: the SDK's value "${v}" is refused by ours`);
    for (const v of mine) if (!sdkType.values.includes(String(v)) && !allow(w, `enum-extra ${at}:${String(v)}`)) w.problems.push(`${at}: ours accepts "${String(v)}", which the SDK does not list`);
  }
  if (sdkType.kind === 'array') {
    if (!resolved.items) w.problems.push(`${at}: ours does not type the items`);
    else compareValue(w, sdkType.items, asSchema(resolved.items), `${at}[]`);
  }
  if (sdkType.kind === 'object') compareObject(w, sdkType, resolved, at);
}

function compareObject(w: Walk, sdkObject: SdkObject, ourSchema: Schema, at: string): void {
  const o = w.ours;
  const key = `${sdkObject.name}@${at}`;
  if (w.seen.has(key)) return;
  w.seen.add(key);
  const resolved = o.resolve(ourSchema);
  const flat = o.flatten(resolved);
  const ourAdditional = resolved.additionalProperties;
  const ourValues = ourAdditional && typeof ourAdditional === 'object' ? asSchema(ourAdditional) : undefined;
  const opaque = Object.keys(flat.properties).length === 0 && !ourValues;
  if (opaque) {
    if (!allow(w, `opaque ${at}`)) w.problems.push(`${at}: ours leaves the object unchecked, the SDK types ${[...sdkObject.fields.keys(), ...(sdkObject.index ? ['[key]'] : [])].join(', ')}`);
    return;
  }
  const required = new Set(flat.required);
  // anyOf: [{required: [a]}, {required: [b]}] is "one of a, b": neither is required alone.
  for (const [name, field] of sdkObject.fields) compareField(w, field, flat.properties[name], ourValues, required.has(name), ourAdditional === false, join(at, name));
  for (const [name, ourProp] of Object.entries(flat.properties)) {
    if (sdkObject.fields.has(name)) continue;
    const field = join(at, name);
    if (sdkObject.index) {
      compareValue(w, narrowTo(w, sdkObject.index, ourProp), ourProp, field);
      w.fields.add(field);
      continue;
    }
    if (!allow(w, `extra ${field}`)) w.problems.push(`${field}: ours accepts it, the SDK (${sdkObject.name}) has no such field`);
    if (required.has(name)) w.problems.push(`${field}: ours requires a field the SDK does not have`);
  }
  if (sdkObject.index && ourAdditional === false) w.problems.push(`${at}: the SDK takes any key, ours is closed`);
  if (sdkObject.index && ourValues) compareValue(w, sdkObject.index, ourValues, `${at}[key]`);
}

/** A union narrowed by what ours allows for its discriminant (channel_specific_message.LINE: LINE's notification). */
function narrowTo(w: Walk, sdkType: SdkType, ourSchema: Schema): SdkType {
  if (sdkType.kind !== 'object' || sdkType.members.length < 2) return sdkType;
  const flat = w.ours.flatten(ourSchema);
  for (const [name, prop] of Object.entries(flat.properties)) {
    const allowed = ourEnum(w.ours, prop);
    if (allowed && sdkType.members.some((m) => m.literals.has(name))) return sdkType.narrow(name, allowed);
  }
  return sdkType;
}

function compareField(w: Walk, field: SdkField, ourProp: Schema | undefined, ourValues: Schema | undefined, ourRequired: boolean, closed: boolean, at: string): void {
  w.fields.add(at);
  const target = ourProp ?? ourValues;
  if (!target) {
    if (closed || !ourValues) w.problems.push(`${at}: the SDK has it, ours reports it as an unknown property`);
    return;
  }
  if (!field.optional && !ourRequired && ourProp) w.problems.push(`${at}: the SDK requires it, ours does not`);
  if (field.optional && ourRequired) w.problems.push(`${at}: the SDK makes it optional, ours requires it`);
  const ourTypes = w.ours.typesOf(target);
  if (field.nullable && !ourTypes.has('null')) w.problems.push(`${at}: the SDK allows null, ours does not`);
  if (!field.nullable && ourTypes.has('null')) w.problems.push(`${at}: ours allows null, the SDK does not`);
  const limit = documentedLimit(field.doc);
  if (limit !== undefined) {
    const resolved = w.ours.resolve(target);
    const ourLimit = field.type.kind === 'array' ? resolved.maxItems : resolved.maxLength;
    if (ourLimit !== limit && !allow(w, `rule ${at}`) && !allow(w, `length ${at}`)) {
      w.problems.push(`${at}: the SDK documents a limit of ${limit}, ours has ${String(ourLimit ?? 'none')}`);
    }
  }
  compareValue(w, narrowTo(w, field.type, target), target, at);
}

function join(at: string, name: string): string {
  return at === '' ? name : `${at}.${name}`;
}

function walk(schema: unknown): Walk {
  const w: Walk = { ours: new Ours(schema as Schema), problems: [], used: new Set(), seen: new Set(), fields: new Set() };
  compareObject(w, sdkRoot, w.ours.root, '');
  return w;
}

const ruleSources = ['rules', 'line']
  .flatMap((dir) => readdirSync(path.join(repoRoot(), 'src', 'core', dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(repoRoot(), 'src', 'core', dir, f), 'utf8')))
  .join('\n');

describe('contract: @sinch/conversation request types (.d.ts) vs schemas/send-message.schema.json', () => {
  const result = walk(sendMessageSchema);

  it('the SDK is the pinned version', () => {
    const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const ours = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.equal(ours.devDependencies['@sinch/conversation'], pkg.version, 'an exact version in devDependencies');
  });

  it('agrees field by field: presence, required/optional, nullable, types, enums, documented lengths', () => {
    assert.deepEqual(result.problems, []);
  });

  it('every deliberate difference is still needed (no stale exception)', () => {
    const stale = Object.keys(deliberate).filter((k) => !result.used.has(k));
    assert.deepEqual(stale, []);
  });

  it('limits enforced by rules name a rule code that exists', () => {
    for (const [key, reason] of Object.entries(deliberate)) {
      if (!key.startsWith('rule ')) continue;
      const code = /^[a-z.-]+/.exec(reason)![0];
      assert.ok(ruleSources.includes(`'${code}'`), `${key}: no rule reports ${code}`);
    }
  });

  it('the walk reached every message type and the deep fields', () => {
    for (const field of [
      'message.text_message.text',
      'message.media_message.filename_override',
      'message.choice_message.choices[].calendar_message.fallback_url',
      'message.choice_message.choices[].share_location_message.title',
      'message.choice_message.message_properties.whatsapp_footer',
      'message.card_message.height',
      'message.carousel_message.cards[].media_message.thumbnail_url',
      'message.location_message.coordinates.latitude',
      'message.list_message.sections[].items[].choice.postback_data',
      'message.list_message.sections[].items[].product.marketplace',
      'message.list_message.message_properties.catalog_id',
      'message.contact_info_message.addresses[].country_code',
      'message.contact_info_message.email_addresses[].email_address',
      'message.contact_info_message.organization.department',
      'message.contact_info_message.urls[].url',
      'message.template_message.omni_template.version',
      'message.template_message.channel_template[key].template_id',
      'message.channel_specific_message.LINE.message.body.emphasized_item.item_key',
      'message.channel_specific_message.LINE.message.body.buttons[].button_key',
      'message.agent.display_name',
      'recipient.identified_by.channel_identities[].identity',
      'correlation_id',
      'ttl',
    ]) {
      assert.ok(result.fields.has(field), `${field} was not compared; compared: ${[...result.fields].filter((f) => f.startsWith(field.split('.')[0]!)).join(', ')}`);
    }
    for (const name of ['AppCardMessage', 'AppListMessage', 'CalendarMessage', 'ProductItem', 'AddressInfo', 'LineNotificationTemplateBody', 'Agent', 'ChannelSpecificTemplateReference']) {
      assert.ok(sdk.visitedNames.has(name), `${name} not read`);
    }
  });

  it('reads the SDK the way JSON sees it: open enums, nullable, never-fields of unions, Date as a string, index signatures', () => {
    const field = (path: string): SdkField => {
      let object: SdkType = sdkRoot;
      let found: SdkField | undefined;
      for (const name of path.split('.')) {
        if (object.kind === 'array') object = object.items;
        assert.equal(object.kind, 'object', `${path}: ${name} is not in an object`);
        found = (object as SdkObject).fields.get(name);
        assert.ok(found, `${path}: no ${name}`);
        object = found.type;
      }
      return found!;
    };
    // `'NORMAL_PRIORITY' | 'HIGH_PRIORITY' | string`: the checker sees only string; the declaration keeps the values.
    assert.deepEqual(field('queue').type, { kind: 'enum', values: ['NORMAL_PRIORITY', 'HIGH_PRIORITY'], open: true });
    assert.deepEqual(field('message_content_type').type, { kind: 'enum', values: ['CONTENT_UNKNOWN', 'CONTENT_MARKETING', 'CONTENT_NOTIFICATION'], open: false });
    assert.ok(field('message.agent').nullable && field('message.agent').optional);
    assert.ok(!field('app_id').optional && !field('app_id').nullable);
    // AppMessage is a union whose members mark the other kinds `?: never`: each kind is optional, none is required.
    assert.ok(field('message.text_message').optional);
    assert.equal(field('message.text_message.text').type.kind, 'string');
    assert.deepEqual(field('message.choice_message.choices.calendar_message.event_start').type, { kind: 'string' });
    assert.deepEqual(field('ttl').type, { kind: 'union', options: [{ kind: 'string' }, { kind: 'number' }] });
    assert.deepEqual(field('conversation_metadata').type, { kind: 'any-object' });
    const explicit = field('message.explicit_channel_message').type as SdkObject;
    assert.deepEqual(explicit.index, { kind: 'string' });
  });

  it('reads documented limits from the SDK\'s prose', () => {
    assert.equal(documentedLimit('Up to 128 characters long.'), 128);
    assert.equal(documentedLimit('The number of outer choices is limited to 3.'), 3);
    assert.equal(documentedLimit('A list of up to 10 cards.'), 10);
    assert.equal(documentedLimit('The maximum allowed property value length is 1024 characters.'), 1024);
    assert.equal(documentedLimit('The ID of the app sending the message.'), undefined);
  });

  it('the comparison itself catches a drift (self-test on a deliberately wrong copy)', () => {
    const wrong = JSON.parse(JSON.stringify(sendMessageSchema)) as { properties: Record<string, Schema>; definitions: Record<string, Schema & { properties: Record<string, Schema>; required?: string[] }> };
    const d = wrong.definitions;
    // The three false errors of the issue, and misses of each kind.
    (asSchema(d.lineNotification!.properties.message) as { required: string[] }).required = ['template_key', 'body'];
    (asSchema(asSchema(d.choice!.properties.calendar_message).properties) as Record<string, Schema>).url = { type: 'string' };
    asSchema(d.appMessage!.properties.agent).type = 'object';
    d.locationMessage!.required = ['coordinates'];
    delete asSchema(wrong.properties.correlation_id).maxLength;
    asSchema(asSchema(d.cardMessage!.properties.height).anyOf && (asSchema(d.cardMessage!.properties.height).anyOf as Schema[])[0]).enum = ['SHORT', 'MEDIUM', 'TALL'];
    // A drift in a shared definition shows wherever it is used (card, carousel card, choice…): every place is named.
    const drifted = [...new Set(walk(wrong).problems.map((p) => p.replace(/^message\.(card_message|carousel_message\.cards\[\]|carousel_message|choice_message)\./, 'message.card_message.')))].sort();
    assert.deepEqual(drifted, [
      "correlation_id: the SDK documents a limit of 128, ours has none",
      "message.agent: the SDK allows null, ours does not",
      "message.card_message.height: the SDK's value \"UNSPECIFIED_HEIGHT\" is refused by ours",
      'message.channel_specific_message.LINE.message.body: the SDK makes it optional, ours requires it',
      'message.card_message.choices[].calendar_message.url: ours accepts it, the SDK (CalendarMessage) has no such field',
      'message.card_message.choices[].location_message.title: the SDK requires it, ours does not',
      'message.location_message.title: the SDK requires it, ours does not',
    ].sort());
  });
});
