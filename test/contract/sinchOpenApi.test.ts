// Our messages:send schema against the (older, 2023) Sinch Conversation API OpenAPI description: every property
// Sinch defines on the message objects must exist in our schema with a type our schema accepts.
import * as assert from 'node:assert/strict';
import sendMessageSchema from '../../schemas/send-message.schema.json';
import { readFixture } from '../unit/core/testSupport';
import { parse as parseYaml } from 'yaml';
import { OpenApi, Ours, type Schema, asSchema, typeAccepts } from './schemaWalk';

const sinch = OpenApi.fromDocument(parseYaml(readFixture('contracts', 'sinch-openapi-2023', 'conversation.yaml')));
const ours = new Ours(sendMessageSchema as unknown as Schema);

/** Where each Sinch component lives in our schema. */
const locations: Record<string, string> = {
  SendMessageRequest: '#',
  AppMessage: '#/definitions/appMessage',
  CardMessage: '#/definitions/cardMessage',
  CarouselMessage: '#/definitions/carouselMessage',
  ChoiceMessage: '#/definitions/choiceMessage',
  Choice: '#/definitions/choice',
  MediaMessage: '#/definitions/mediaMessage',
  TextMessage: '#/definitions/textMessage',
  LocationMessage: '#/definitions/locationMessage',
  UrlMessage: '#/definitions/choice/properties/url_message',
  CallMessage: '#/definitions/choice/properties/call_message',
  Coordinates: '#/definitions/locationMessage/properties/coordinates',
};

/** Enum values Sinch lists that a LINE payload must never use, so our schema leaves them out on purpose. */
const leftOut: Record<string, string> = {
  CHANNEL_UNSPECIFIED: "Sinch's own description: channel_priority_order can't contain CHANNEL_UNSPECIFIED",
};

function ourSchemaAt(location: string): Schema {
  return location === '#' ? ours.root : ours.resolve({ $ref: location });
}

/** Sinch properties of `component` that our schema at `location` lacks or types incompatibly, named by field. */
function differences(o: Ours, component: string, location: string): string[] {
  const problems: string[] = [];
  const theirs = sinch.flatten(sinch.component(component));
  const mine = o.flatten(location === '#' ? o.root : o.resolve({ $ref: location }));
  for (const [name, sinchProp] of Object.entries(theirs.properties)) {
    const field = `${component}.${name}`;
    const ourProp = mine.properties[name];
    if (!ourProp) {
      problems.push(`${field}: missing from our schema`);
      continue;
    }
    const type = sinch.typeOf(sinchProp);
    const accepted = o.typesOf(ourProp);
    if (!type) problems.push(`${field}: Sinch gives it no type`);
    else if (!typeAccepts(accepted, type)) problems.push(`${field}: Sinch's ${type} is not accepted by ours (${[...accepted].join('|') || 'no type'})`);

    // Enum values Sinch allows must be allowed by ours (we may add newer ones).
    const sinchEnum = sinch.enumOf(sinchProp) ?? sinch.enumOf(asSchema(sinch.resolve(sinchProp).items));
    const ourEnum = o.enumOf(ourProp) ?? o.enumOf(asSchema(o.resolve(ourProp).items));
    if (sinchEnum) {
      if (!ourEnum) problems.push(`${field}: Sinch limits it to ${JSON.stringify(sinchEnum)}, ours has no enum`);
      else for (const v of sinchEnum) if (!ourEnum.includes(v) && !leftOut[String(v)]) problems.push(`${field}: Sinch's value ${JSON.stringify(v)} is refused by ours`);
    }
    // A map of strings (channel_properties, explicit_channel_message) must stay a map of strings.
    const sinchValues = asSchema(sinch.resolve(sinchProp).additionalProperties);
    const ourValues = o.resolve(ourProp).additionalProperties;
    if (sinchValues.type === 'string' && !(ourValues && typeof ourValues === 'object' && o.typesOf(asSchema(ourValues)).has('string'))) {
      problems.push(`${field}: Sinch allows any key with a string value, ours does not`);
    }
  }
  return problems;
}

describe('contract: Sinch Conversation API OpenAPI 2023 (conversation.yaml) vs schemas/send-message.schema.json', () => {
  it('the OpenAPI file has every component we compare with', () => {
    for (const name of Object.keys(locations)) assert.ok(sinch.schemas[name], `conversation.yaml has no ${name}`);
  });

  for (const [component, location] of Object.entries(locations)) {
    it(`${component}: every Sinch property exists in ours (${location}) with a compatible type`, () => {
      assert.ok(Object.keys(sinch.flatten(sinch.component(component)).properties).length > 0, `${component} has properties`);
      assert.deepEqual(differences(ours, component, location), []);
    });
  }

  it('the comparison itself catches a drift (self-test on a deliberately wrong copy)', () => {
    const wrong = JSON.parse(JSON.stringify(sendMessageSchema)) as { definitions: Record<string, { properties: Record<string, Schema> }> };
    delete wrong.definitions.mediaMessage!.properties.thumbnail_url;
    wrong.definitions.textMessage!.properties.text = { type: 'integer' };
    wrong.definitions.cardMessage!.properties.height = { type: 'string', enum: ['SHORT'] };
    const drifted = new Ours(wrong as unknown as Schema);
    assert.deepEqual(differences(drifted, 'MediaMessage', locations.MediaMessage!), ['MediaMessage.thumbnail_url: missing from our schema']);
    assert.deepEqual(differences(drifted, 'TextMessage', locations.TextMessage!), ["TextMessage.text: Sinch's string is not accepted by ours (integer)"]);
    assert.deepEqual(differences(drifted, 'CardMessage', locations.CardMessage!), [
      'CardMessage.height: Sinch\'s value "UNSPECIFIED_HEIGHT" is refused by ours',
      'CardMessage.height: Sinch\'s value "MEDIUM" is refused by ours',
      'CardMessage.height: Sinch\'s value "TALL" is refused by ours',
    ]);
  });

  it('the message types Sinch lists in AppMessage are all known to the rules', () => {
    const appMessage = Object.keys(sinch.flatten(sinch.component('AppMessage')).properties).filter((k) => k.endsWith('_message') && k !== 'explicit_channel_message');
    const ourKinds = Object.keys(ours.flatten(ourSchemaAt('#/definitions/appMessage')).properties);
    for (const kind of appMessage) assert.ok(ourKinds.includes(kind), kind);
  });

  it('type compatibility: integer fits number, not the reverse', () => {
    assert.ok(typeAccepts(new Set(['number']), 'integer'));
    assert.ok(!typeAccepts(new Set(['integer']), 'number'));
    assert.ok(typeAccepts(ours.typesOf(asSchema(asSchema(ours.root.properties).ttl)), 'string'));
  });
});
