// The generator of schemas/line-explicit-message.schema.json (the JSON Schema of explicit_channel_message.LINE)
// from LINE's Messaging API OpenAPI file. Pure: scripts/generate-line-schema.mjs reads and writes the files, and the
// contract test (test/contract/lineOpenApi.test.ts) runs it on the vendored file to catch any drift.
//
// Mechanical part: every component reachable from PushMessageRequest becomes a draft-07 definition of the same name;
// a discriminated component (Message, Template, Action, FlexComponent…) becomes an enum of its discriminator values
// with one `if {type: const} then {$ref: subtype}` branch per value; a subtype (allOf [base, own]) becomes one
// closed object with the base's properties, its own, and its discriminator value as a const. Types, enums, required,
// maxLength/minLength/maxItems/minItems come from the file as they are.
//
// Documented part (`documented` below): limits LINE's reference pages state but the OpenAPI file does not encode,
// each a keyword merged into one property. Limits that depend on the context (a template's text with or without an
// image, which actions a quick reply may hold, URI schemes, emoji positions) are rules, in
// src/core/rules/explicitLine*.ts, not here.

export const rootComponent = 'PushMessageRequest';

/** Request fields the Conversation API fills in itself: not written by the user. */
export const filledBySinch = { to: 'the Conversation API sets the recipient from the message recipient' };

const httpsOrPlaceholder = '^(https://|\\s*\\{\\{)';
const colorOrPlaceholder = '^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|\\s*\\{\\{.*)$';
const pixels = '[0-9]+(\\.[0-9]+)?px';
const percent = '[0-9]+(\\.[0-9]+)?%';
/** Flex aspect ratios, `{width}:{height}`: LINE's own examples use decimals ("1.51:1"). */
const aspectRatio = '^[0-9]+(\\.[0-9]+)?:[0-9]+(\\.[0-9]+)?$';

/**
 * A Flex property that takes one of the keywords of an enum component of the OpenAPI file, or a length
 * (LINE's Flex Message reference: "a keyword, or a value in pixels (and percentages)"); the file types both as
 * plain strings and does not link them.
 */
const keywordOr = (component, ...units) => ({ keywordsOf: component, units });

/** `Component.property` → keywords. Sources: LINE Messaging API reference, message objects (developers.line.biz). */
export const documented = {
  'PushMessageRequest.customAggregationUnits': { maxItems: 1 },
  'PushMessageRequest.customAggregationUnits[]': { maxLength: 30 },
  'TextMessage.text': { minLength: 1, maxLength: 5000 },
  'TextMessage.emojis': { maxItems: 20 },
  'Emoji.index': { minimum: 0 },
  'Emoji.*required': ['index', 'productId', 'emojiId'],
  'TextMessageV2.text': { minLength: 1, maxLength: 5000 },
  'TextMessageV2.substitution': { maxProperties: 100, propertyNames: { pattern: '^[A-Za-z0-9_]{1,20}$' } },
  'StickerMessage.packageId': { minLength: 1 },
  'StickerMessage.stickerId': { minLength: 1 },
  'VideoMessage.trackingId': { maxLength: 100, pattern: '^[A-Za-z0-9\\-.=,+*()%$&;:@{}!?<>\\[\\]]*$' },
  'AudioMessage.duration': { minimum: 1 },
  'LocationMessage.title': { maxLength: 100 },
  'LocationMessage.address': { maxLength: 100 },
  'LocationMessage.latitude': { minimum: -90, maximum: 90 },
  'LocationMessage.longitude': { minimum: -180, maximum: 180 },
  'ImagemapMessage.altText': { minLength: 1, maxLength: 1500 },
  'ImagemapMessage.actions': { minItems: 1, maxItems: 50 },
  'ImagemapBaseSize.width': { const: 1040 },
  'ImagemapBaseSize.height': { minimum: 1 },
  'ImagemapArea.x': { minimum: 0 },
  'ImagemapArea.y': { minimum: 0 },
  'ImagemapArea.width': { minimum: 1 },
  'ImagemapArea.height': { minimum: 1 },
  'MessageImagemapAction.text': { maxLength: 400 },
  'URIImagemapAction.linkUri': { maxLength: 1000 },
  'ImagemapVideo.*required': ['originalContentUrl', 'previewImageUrl', 'area'],
  'ImagemapExternalLink.label': { maxLength: 30 },
  'ImagemapExternalLink.linkUri': { maxLength: 1000 },
  'TemplateMessage.altText': { minLength: 1, maxLength: 400 },
  'ButtonsTemplate.imageAspectRatio': { keywordsOf: 'TemplateImageAspectRatio' },
  'ButtonsTemplate.imageSize': { keywordsOf: 'TemplateImageSize' },
  'ButtonsTemplate.title': { maxLength: 40 },
  'ButtonsTemplate.text': { minLength: 1, maxLength: 160 },
  'ButtonsTemplate.actions': { minItems: 1, maxItems: 4 },
  'ConfirmTemplate.text': { minLength: 1, maxLength: 240 },
  'ConfirmTemplate.actions': { minItems: 2, maxItems: 2 },
  'CarouselTemplate.columns': { minItems: 1, maxItems: 10 },
  'CarouselTemplate.imageAspectRatio': { keywordsOf: 'TemplateImageAspectRatio' },
  'CarouselTemplate.imageSize': { keywordsOf: 'TemplateImageSize' },
  'CarouselColumn.title': { maxLength: 40 },
  'CarouselColumn.text': { minLength: 1, maxLength: 120 },
  'CarouselColumn.actions': { minItems: 1, maxItems: 3 },
  'ImageCarouselTemplate.columns': { minItems: 1, maxItems: 10 },
  'FlexMessage.altText': { minLength: 1, maxLength: 1500 },
  'FlexCarousel.contents': { minItems: 1, maxItems: 12 },
  'FlexBox.spacing': keywordOr('FlexBoxSpacing', pixels),
  'FlexBox.margin': keywordOr('FlexMargin', pixels),
  'FlexBox.paddingAll': keywordOr('FlexBoxPadding', pixels, percent),
  'FlexBox.paddingTop': keywordOr('FlexBoxPadding', pixels, percent),
  'FlexBox.paddingBottom': keywordOr('FlexBoxPadding', pixels, percent),
  'FlexBox.paddingStart': keywordOr('FlexBoxPadding', pixels, percent),
  'FlexBox.paddingEnd': keywordOr('FlexBoxPadding', pixels, percent),
  'FlexBox.offsetTop': keywordOr('FlexOffset', pixels, percent),
  'FlexBox.offsetBottom': keywordOr('FlexOffset', pixels, percent),
  'FlexBox.offsetStart': keywordOr('FlexOffset', pixels, percent),
  'FlexBox.offsetEnd': keywordOr('FlexOffset', pixels, percent),
  'FlexBox.borderWidth': keywordOr('FlexBoxBorderWidth', pixels),
  'FlexBox.cornerRadius': keywordOr('FlexBoxCornerRadius', pixels),
  'FlexBox.width': keywordOr(undefined, pixels, percent),
  'FlexBox.maxWidth': keywordOr(undefined, pixels, percent),
  'FlexBox.height': keywordOr(undefined, pixels, percent),
  'FlexBox.maxHeight': keywordOr(undefined, pixels, percent),
  'FlexBox.flex': { minimum: 0 },
  'FlexButton.margin': keywordOr('FlexMargin', pixels),
  'FlexButton.offsetTop': keywordOr('FlexOffset', pixels, percent),
  'FlexButton.offsetBottom': keywordOr('FlexOffset', pixels, percent),
  'FlexButton.offsetStart': keywordOr('FlexOffset', pixels, percent),
  'FlexButton.offsetEnd': keywordOr('FlexOffset', pixels, percent),
  'FlexButton.flex': { minimum: 0 },
  'FlexImage.size': keywordOr('FlexImageSize', pixels, percent),
  'FlexImage.margin': keywordOr('FlexMargin', pixels),
  'FlexImage.offsetTop': keywordOr('FlexOffset', pixels, percent),
  'FlexImage.offsetBottom': keywordOr('FlexOffset', pixels, percent),
  'FlexImage.offsetStart': keywordOr('FlexOffset', pixels, percent),
  'FlexImage.offsetEnd': keywordOr('FlexOffset', pixels, percent),
  'FlexImage.aspectRatio': { pattern: aspectRatio },
  'FlexImage.flex': { minimum: 0 },
  'FlexVideo.aspectRatio': { pattern: aspectRatio },
  'FlexIcon.size': keywordOr('FlexIconSize', pixels),
  'FlexIcon.margin': keywordOr('FlexMargin', pixels),
  'FlexIcon.offsetTop': keywordOr('FlexOffset', pixels, percent),
  'FlexIcon.offsetBottom': keywordOr('FlexOffset', pixels, percent),
  'FlexIcon.offsetStart': keywordOr('FlexOffset', pixels, percent),
  'FlexIcon.offsetEnd': keywordOr('FlexOffset', pixels, percent),
  'FlexIcon.aspectRatio': { pattern: aspectRatio },
  'FlexText.size': keywordOr('FlexTextFontSize', pixels),
  'FlexText.margin': keywordOr('FlexMargin', pixels),
  'FlexText.lineSpacing': keywordOr(undefined, pixels),
  'FlexText.offsetTop': keywordOr('FlexOffset', pixels, percent),
  'FlexText.offsetBottom': keywordOr('FlexOffset', pixels, percent),
  'FlexText.offsetStart': keywordOr('FlexOffset', pixels, percent),
  'FlexText.offsetEnd': keywordOr('FlexOffset', pixels, percent),
  'FlexText.maxLines': { minimum: 0 },
  'FlexText.flex': { minimum: 0 },
  'FlexSpan.size': keywordOr('FlexSpanSize', pixels),
  'FlexSeparator.margin': keywordOr('FlexMargin', pixels),
  'FlexFiller.flex': { minimum: 0 },
  'FlexBoxLinearGradient.angle': { pattern: '^-?[0-9]+(\\.[0-9]+)?deg$' },
  'FlexBoxLinearGradient.centerPosition': { pattern: '^[0-9]+(\\.[0-9]+)?%$' },
  'FlexBoxLinearGradient.*required': ['angle', 'startColor', 'endColor'],
  'QuickReply.items': { minItems: 1 },
  'QuickReply.*required': ['items'],
  'QuickReplyItem.type': { const: 'action' },
  'QuickReplyItem.*required': ['type', 'action'],
  'PostbackAction.displayText': { maxLength: 300 },
  'PostbackAction.*required': ['data'],
  'MessageAction.text': { minLength: 1, maxLength: 300 },
  'MessageAction.*required': ['text'],
  'URIAction.uri': { minLength: 1, maxLength: 1000 },
  'URIAction.*required': ['uri'],
  'DatetimePickerAction.*required': ['data', 'mode'],
  'RichMenuSwitchAction.*required': ['data', 'richMenuAliasId'],
  'Sender.name': { minLength: 1 },
  'CouponMessage.couponId': { minLength: 1 },
};

/** Properties whose name says they hold a media or icon URL: LINE wants HTTPS (TLS 1.2+), at most 2000 characters. */
const mediaUrlName = /(^url$|Url$)/;
/** Properties whose name says they hold a color: LINE takes #RRGGBB or #RRGGBBAA. */
const colorName = /(^color$|Color$)/;

function componentName(ref) {
  return ref.replace('#/components/schemas/', '');
}

/**
 * @param {any} openApi the parsed OpenAPI document
 * @returns {any} the draft-07 schema
 */
export function generateLineSchema(openApi) {
  const components = openApi.components.schemas;
  const definitions = {};
  const queue = [];
  const requested = new Set();
  const used = new Set();
  const need = (name) => {
    if (!components[name]) throw new Error(`messaging-api.yml has no component ${name}`);
    if (!requested.has(name)) {
      requested.add(name);
      queue.push(name);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const overlay = (key) => {
    if (!(key in documented)) return undefined;
    used.add(key);
    return documented[key];
  };

  /** The discriminated base a subtype extends, and the subtype's discriminator value there. */
  const baseOf = (name) => {
    for (const part of components[name].allOf ?? []) {
      if (!part.$ref) continue;
      const base = componentName(part.$ref);
      const mapping = components[base].discriminator?.mapping ?? {};
      const value = Object.keys(mapping).find((k) => componentName(mapping[k]) === name);
      return { base, property: components[base].discriminator?.propertyName, value };
    }
    return undefined;
  };

  /** Properties and required of a component, its allOf parts included. */
  const flatten = (schema) => {
    const properties = {};
    const required = new Set(schema.required ?? []);
    for (const part of schema.allOf ?? []) {
      const resolved = part.$ref ? components[componentName(part.$ref)] : part;
      const sub = flatten(resolved);
      Object.assign(properties, sub.properties);
      for (const r of sub.required) required.add(r);
    }
    Object.assign(properties, schema.properties ?? {});
    return { properties, required };
  };

  const convertValue = (schema, key, name) => {
    let out;
    if (schema.$ref) {
      const target = componentName(schema.$ref);
      const component = components[target];
      // A plain typed component (NotificationDisabled: a boolean) is inlined; objects and enums stay definitions.
      if (component.type && component.type !== 'object' && !component.enum) out = convertValue(component, key, name);
      else out = need(target);
    } else if (schema.type === 'array') {
      out = { type: 'array' };
      for (const k of ['minItems', 'maxItems']) if (schema[k] !== undefined) out[k] = schema[k];
      out.items = convertValue(schema.items, `${key}[]`, name);
    } else if (schema.type === 'object' || schema.additionalProperties) {
      out = { type: 'object' };
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.additionalProperties = convertValue(schema.additionalProperties, `${key}{}`, name);
    } else {
      out = { type: schema.type };
      for (const k of ['enum', 'minLength', 'maxLength', 'minimum', 'maximum']) if (schema[k] !== undefined) out[k] = schema[k];
      if (schema.type === 'string' && mediaUrlName.test(name) && schema.format === 'uri') {
        out.maxLength ??= 2000;
        out.pattern = httpsOrPlaceholder;
      }
      if (schema.type === 'string' && colorName.test(name)) out.pattern = colorOrPlaceholder;
    }
    const extra = overlay(key);
    if (extra) out = applyOverlay(out, extra, components);
    return out;
  };

  const convertComponent = (name) => {
    const schema = components[name];
    if (schema.enum) return { type: schema.type ?? 'string', enum: schema.enum };
    const discriminator = schema.discriminator;
    if (discriminator) {
      // A polymorphic base: its discriminator picks the subtype, which holds the whole object (base fields too).
      const property = discriminator.propertyName;
      const values = Object.keys(discriminator.mapping);
      return {
        type: 'object',
        required: [property],
        properties: { [property]: { enum: values } },
        allOf: values.map((value) => ({
          if: { required: [property], properties: { [property]: { const: value } } },
          then: need(componentName(discriminator.mapping[value])),
        })),
      };
    }
    const { properties, required } = flatten(schema);
    const base = baseOf(name);
    const out = { type: 'object' };
    const extraRequired = overlay(`${name}.*required`) ?? [];
    const allRequired = [...new Set([...(base?.property ? [base.property] : []), ...required, ...extraRequired])].filter((r) => !(name === rootComponent && r in filledBySinch));
    if (allRequired.length) out.required = allRequired;
    out.properties = {};
    for (const [prop, value] of Object.entries(properties)) {
      if (name === rootComponent && prop in filledBySinch) continue;
      if (base && prop === base.property) {
        out.properties[prop] = { const: base.value };
        continue;
      }
      // A property documented on the base (Action.label) applies to every subtype.
      const ownKey = `${name}.${prop}`;
      const key = ownKey in documented || !base ? ownKey : `${base.base}.${prop}`;
      out.properties[prop] = convertValue(value, key, prop);
    }
    out.additionalProperties = false;
    return out;
  };

  need(rootComponent);
  while (queue.length) {
    const name = queue.shift();
    definitions[name] = convertComponent(name);
  }
  const unused = Object.keys(documented).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`documented limits that match no property of the OpenAPI file: ${unused.join(', ')}`);

  const root = definitions[rootComponent];
  delete definitions[rootComponent];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://convapi-line.dev/schemas/line-explicit-message.schema.json',
    title: 'LINE messages inside explicit_channel_message.LINE',
    description: `GENERATED by scripts/generate-line-schema.mjs from LINE's Messaging API OpenAPI file (${openApi.info?.title ?? 'messaging-api.yml'} ${openApi.info?.version ?? ''}), components reachable from ${rootComponent}, with LINE's documented limits the file does not encode. Do not edit: change the script and run it.`,
    ...root,
    definitions,
  };
}

function applyOverlay(schema, extra, components) {
  if (extra.keywordsOf !== undefined || extra.units) {
    const keywords = extra.keywordsOf ? components[extra.keywordsOf].enum : [];
    if (extra.keywordsOf && !keywords) throw new Error(`${extra.keywordsOf} is not an enum component`);
    if (!extra.units || extra.units.length === 0) return { ...schema, enum: keywords };
    const alternatives = [...keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ...extra.units];
    return { ...schema, pattern: `^(${alternatives.join('|')})$` };
  }
  return { ...schema, ...extra };
}

export function serialize(schema) {
  return JSON.stringify(schema, null, 2) + '\n';
}
