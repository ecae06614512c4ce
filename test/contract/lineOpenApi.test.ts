// schemas/line-explicit-message.schema.json (explicit_channel_message.LINE) against LINE's official OpenAPI file:
// the checked-in schema is what scripts/generate-line-schema.mjs generates from the vendored file (drift test), and
// every component of the file reachable from PushMessageRequest agrees with its definition (contract test).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import lineExplicitSchema from '../../schemas/line-explicit-message.schema.json';
import { documented, filledBySinch, generateLineSchema, rootComponent, serialize } from '../../scripts/line-schema-generator.mjs';
import { readFixture, repoRoot } from '../unit/core/testSupport';
import { parse as parseYaml } from 'yaml';
import { OpenApi, Ours, type Schema, asSchema } from './schemaWalk';

const lineText = readFixture('contracts', 'line-openapi', 'messaging-api.yml');
const lineDoc = parseYaml(lineText);
const line = OpenApi.fromDocument(lineDoc);
const schemaFile = `${repoRoot()}/schemas/line-explicit-message.schema.json`;

/** Components reachable from PushMessageRequest through properties, items, additionalProperties, allOf, mappings. */
function reachable(api: OpenApi): Set<string> {
  const found = new Set<string>();
  const visit = (schema: unknown): void => {
    if (Array.isArray(schema)) return schema.forEach(visit);
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Schema;
    const name = api.refName(s);
    if (name) {
      if (found.has(name)) return;
      found.add(name);
      visit(api.component(name));
      return;
    }
    for (const [key, value] of Object.entries(s)) {
      if (key === 'discriminator') for (const target of Object.values(asSchema(asSchema(value).mapping))) visit({ $ref: target });
      else if (key !== 'description' && key !== 'example') visit(value);
    }
  };
  visit({ $ref: `#/components/schemas/${rootComponent}` });
  return found;
}

/** Every disagreement between a generated schema and the OpenAPI file, by component and field. */
function disagreements(schema: unknown, api: OpenApi): string[] {
  const ours = new Ours(schema as Schema);
  const definitions = asSchema((schema as Schema).definitions);
  const problems: string[] = [];
  for (const name of reachable(api)) {
    const component = api.component(name);
    const ourDef = name === rootComponent ? (schema as Schema) : asSchema(definitions[name]);
    if (Object.keys(ourDef).length === 0) {
      // Plain typed components are inlined where they are used (NotificationDisabled: a boolean).
      if (typeof component.type === 'string' && component.type !== 'object' && !component.enum) continue;
      problems.push(`${name}: no definition`);
      continue;
    }
    if (Array.isArray(component.enum)) {
      if (JSON.stringify(ourDef.enum) !== JSON.stringify(component.enum)) problems.push(`${name}: enum ${JSON.stringify(ourDef.enum)} differs from ${JSON.stringify(component.enum)}`);
      continue;
    }
    const mapping = api.discriminator(component);
    const flat = api.flatten(component);
    if (mapping && !component.allOf) {
      // A polymorphic base: our enum of its discriminator values, one branch per value to the mapped component.
      const property = asSchema(component.discriminator).propertyName as string;
      const ourValues = ours.enumOf(asSchema(asSchema(ourDef.properties)[property]));
      if (JSON.stringify(ourValues) !== JSON.stringify(Object.keys(mapping))) problems.push(`${name}.${property}: values ${JSON.stringify(ourValues)} differ from ${JSON.stringify(Object.keys(mapping))}`);
      for (const [value, target] of Object.entries(mapping)) {
        const branch = ours.branch(ourDef, value, property);
        if (branch?.$ref !== `#/definitions/${target}`) problems.push(`${name}<${value}>: branch ${JSON.stringify(branch)} is not ${target}`);
      }
      continue;
    }
    const mine = ours.flatten(ourDef);
    const skip = name === rootComponent ? new Set(Object.keys(filledBySinch)) : new Set<string>();
    for (const r of flat.required) if (!skip.has(r) && !mine.required.has(r)) problems.push(`${name}.${r}: LINE requires it, ours does not`);
    for (const r of mine.required) {
      const documentedRequired = (documented[`${name}.*required`] as string[] | undefined) ?? [];
      if (!flat.required.has(r) && !documentedRequired.includes(r) && !isDiscriminatorOf(api, name, r)) problems.push(`${name}.${r}: ours requires it, LINE does not`);
    }
    for (const prop of Object.keys(flat.properties)) if (!skip.has(prop) && !mine.properties[prop]) problems.push(`${name}.${prop}: missing from ours`);
    for (const prop of Object.keys(mine.properties)) if (!flat.properties[prop]) problems.push(`${name}.${prop}: not in LINE's ${name}`);
    if (ourDef.additionalProperties !== false) problems.push(`${name}: ours is not closed`);
    for (const [prop, lineProp] of Object.entries(flat.properties)) {
      const ourProp = mine.properties[prop];
      if (!ourProp || skip.has(prop)) continue;
      const field = `${name}.${prop}`;
      const lineType = api.typeOf(lineProp);
      const ourTypes = ours.typesOf(ourProp);
      if (lineType && !(ourTypes.size === 1 && ourTypes.has(lineType))) problems.push(`${field}: ours ${[...ourTypes].join('|')} differs from LINE's ${lineType}`);
      const resolved = api.resolve(lineProp);
      const ourResolved = ours.resolve(ourProp);
      const lineEnum = Array.isArray(resolved.enum) ? resolved.enum : undefined;
      if (lineEnum && JSON.stringify(ours.enumOf(ourProp)) !== JSON.stringify(lineEnum)) problems.push(`${field}: enum differs from LINE's ${JSON.stringify(lineEnum)}`);
      for (const limit of ['maxLength', 'minLength', 'maxItems', 'minItems'] as const) {
        if (typeof resolved[limit] === 'number' && ourResolved[limit] !== resolved[limit]) problems.push(`${field}: ${limit} ${String(ourResolved[limit])} differs from LINE's ${String(resolved[limit])}`);
      }
      const lineItems = asSchema(resolved.items);
      const itemsRef = api.refName(lineItems);
      if (itemsRef && asSchema(ourResolved.items).$ref !== `#/definitions/${itemsRef}`) problems.push(`${field}[]: items are not ${itemsRef}`);
    }
  }
  return problems;
}

function isDiscriminatorOf(api: OpenApi, name: string, property: string): boolean {
  for (const part of (api.component(name).allOf as Schema[] | undefined) ?? []) {
    const base = api.refName(part);
    if (base && asSchema(api.component(base).discriminator).propertyName === property) return true;
  }
  return false;
}

describe('contract: LINE Messaging API OpenAPI (messaging-api.yml) vs schemas/line-explicit-message.schema.json', () => {
  const generated = generateLineSchema(lineDoc);

  it('the checked-in schema is exactly what the generator makes of the vendored OpenAPI file (no drift)', () => {
    assert.equal(readFileSync(schemaFile, 'utf8'), serialize(generated), 'run: node scripts/generate-line-schema.mjs');
  });

  it('every component reachable from PushMessageRequest agrees with its definition', () => {
    assert.deepEqual(disagreements(lineExplicitSchema, line), []);
  });

  it('covers every message type, template, Flex container and component, action, imagemap action, substitution', () => {
    const defs = asSchema((lineExplicitSchema as Schema).definitions);
    const names = reachable(line);
    for (const base of ['Message', 'Template', 'FlexContainer', 'FlexComponent', 'Action', 'ImagemapAction', 'SubstitutionObject', 'MentionTarget', 'FlexBoxBackground']) {
      for (const target of Object.values(line.discriminator(line.component(base))!)) {
        assert.ok(names.has(target), `${target} reachable`);
        assert.ok(defs[target], `${target} defined`);
      }
    }
    assert.deepEqual(Object.keys(line.discriminator(line.component('Message'))!).sort(), ['audio', 'coupon', 'flex', 'image', 'imagemap', 'location', 'sticker', 'template', 'text', 'textV2', 'video']);
    for (const name of ['QuickReply', 'QuickReplyItem', 'Emoji', 'Sender', 'FlexBubble', 'FlexCarousel', 'FlexBox', 'AltUri', 'ImagemapVideo', 'CarouselColumn', 'ImageCarouselColumn']) assert.ok(defs[name], name);
  });

  it('carries the limits of the OpenAPI file and LINE\'s documented ones', () => {
    const defs = asSchema((lineExplicitSchema as Schema).definitions) as Record<string, Schema & { properties: Record<string, Schema> }>;
    assert.equal(asSchema(defs.QuickReply!.properties.items).maxItems, 13);
    assert.equal(asSchema(defs.QuickReplyItem!.properties.type).const, 'action');
    assert.equal(asSchema(defs.FlexCarousel!.properties.contents).maxItems, 12);
    assert.equal(asSchema(defs.ButtonsTemplate!.properties.actions).maxItems, 4);
    assert.equal(asSchema(defs.CarouselColumn!.properties.actions).maxItems, 3);
    assert.equal(asSchema(defs.PostbackAction!.properties.data).maxLength, 300);
    assert.equal(asSchema(defs.Sender!.properties.name).maxLength, 20);
    assert.equal(asSchema(defs.TextMessage!.properties.emojis).maxItems, 20);
    assert.match(String(asSchema(defs.FlexBox!.properties.margin).pattern), /\|xxl\|/);
  });

  it('the drift test fails when the OpenAPI file changes (self-test on a modified copy)', () => {
    const changed = parseYaml(lineText) as { components: { schemas: Record<string, Schema & { allOf: Schema[]; required: string[] }> } };
    changed.components.schemas.StickerMessage!.required = ['packageId'];
    (asSchema(changed.components.schemas.StickerMessage!.allOf[1]!.properties) as Record<string, Schema>).stickerResourceType = { type: 'string' };
    assert.notEqual(serialize(generateLineSchema(changed)), serialize(generated));
    // And the contract comparison names what the stale schema lacks.
    const problems = disagreements(lineExplicitSchema, OpenApi.fromDocument(changed as never));
    assert.deepEqual(problems.sort(), ['StickerMessage.stickerId: ours requires it, LINE does not', 'StickerMessage.stickerResourceType: missing from ours']);
  });

  it('the comparison itself catches a drifted schema (self-test on a deliberately wrong copy)', () => {
    const wrong = JSON.parse(JSON.stringify(lineExplicitSchema)) as { definitions: Record<string, { required: string[]; properties: Record<string, Schema> }> };
    const sticker = wrong.definitions.StickerMessage!;
    sticker.required = ['type', 'packageId'];
    sticker.properties.packageId = { type: 'integer' };
    sticker.properties.colour = { type: 'string' };
    wrong.definitions.QuickReply!.properties.items = { type: 'array', maxItems: 12, items: { $ref: '#/definitions/QuickReplyItem' } };
    assert.notEqual(serialize(wrong), serialize(generated));
    assert.deepEqual(disagreements(wrong, line).sort(), [
      'QuickReply.items: maxItems 12 differs from LINE\'s 13',
      'StickerMessage.colour: not in LINE\'s StickerMessage',
      "StickerMessage.packageId: ours integer differs from LINE's string",
      'StickerMessage.stickerId: LINE requires it, ours does not',
    ]);
  });

  it('the generator refuses a documented limit that matches no property (a renamed field in a new OpenAPI file)', () => {
    const changed = parseYaml(lineText) as { components: { schemas: Record<string, Schema & { allOf: Schema[] }> } };
    delete asSchema(changed.components.schemas.StickerMessage!.allOf[1]!.properties).packageId;
    assert.throws(() => generateLineSchema(changed), /StickerMessage\.packageId/);
  });
});
