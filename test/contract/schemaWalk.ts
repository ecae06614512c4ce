// Helpers for comparing our JSON Schemas (draft-07) with OpenAPI 3.0 component schemas.
/** A parsed YAML/JSON value. */
export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

export type Schema = { [key: string]: unknown };

export const asSchema = (value: unknown): Schema => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {});

/** A flattened object schema: properties and required of the schema and of everything it composes. */
export interface Flat {
  properties: Record<string, Schema>;
  required: Set<string>;
}

const emptyFlat = (): Flat => ({ properties: {}, required: new Set() });

function mergeInto(target: Flat, source: Flat): void {
  for (const [k, v] of Object.entries(source.properties)) target.properties[k] = target.properties[k] ? { ...target.properties[k], ...v } : v;
  for (const r of source.required) target.required.add(r);
}

/** OpenAPI side: `#/components/schemas/X` references, allOf composition. */
export class OpenApi {
  constructor(readonly schemas: Record<string, Schema>) {}

  static fromDocument(doc: YamlValue): OpenApi {
    const components = asSchema(asSchema(doc).components);
    return new OpenApi(asSchema(components.schemas) as Record<string, Schema>);
  }

  component(name: string): Schema {
    const s = this.schemas[name];
    if (!s) throw new Error(`no component schema ${name}`);
    return s;
  }

  refName(schema: Schema): string | undefined {
    const ref = schema.$ref;
    return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
  }

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let guard = 0; guard < 20; guard++) {
      const name = this.refName(s);
      if (!name) return s;
      s = this.component(name);
    }
    throw new Error('reference loop');
  }

  flatten(schema: Schema): Flat {
    const s = this.resolve(schema);
    const flat = emptyFlat();
    for (const part of (s.allOf as Schema[] | undefined) ?? []) mergeInto(flat, this.flatten(part));
    mergeInto(flat, { properties: asSchema(s.properties) as Record<string, Schema>, required: new Set((s.required as string[] | undefined) ?? []) });
    return flat;
  }

  /** The JSON type a property holds: its own `type`, its referenced component's, or object for composed schemas. */
  typeOf(schema: Schema): string | undefined {
    const s = this.resolve(schema);
    if (typeof s.type === 'string') return s.type;
    if (s.properties || s.allOf || s.discriminator) return 'object';
    return undefined;
  }

  enumOf(schema: Schema): unknown[] | undefined {
    const s = this.resolve(schema);
    return Array.isArray(s.enum) ? s.enum : undefined;
  }

  /** discriminator value → component name, for polymorphic schemas (Message, Template, Action). */
  discriminator(schema: Schema): Record<string, string> | undefined {
    const s = this.resolve(schema);
    const mapping = asSchema(asSchema(s.discriminator).mapping);
    if (Object.keys(mapping).length === 0) return undefined;
    return Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, String(v).replace('#/components/schemas/', '')]));
  }
}

/** Our side: draft-07 with `#/definitions/x` references and `allOf: [{ if: {type const}, then }]` branches. */
export class Ours {
  constructor(readonly root: Schema) {}

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let guard = 0; guard < 20; guard++) {
      const ref = s.$ref;
      if (typeof ref !== 'string') return s;
      let target: unknown = this.root;
      for (const segment of ref.replace(/^#\//, '').split('/')) target = asSchema(target)[segment];
      if (!target) throw new Error(`unresolved ${ref}`);
      s = { ...asSchema(target), ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) };
    }
    throw new Error('reference loop');
  }

  /** The `then` of the branch taken when `discriminatorProperty` equals `value`, if any. */
  branch(schema: Schema, value: string, discriminatorProperty = 'type'): Schema | undefined {
    const s = this.resolve(schema);
    for (const part of (s.allOf as Schema[] | undefined) ?? []) {
      const condition = asSchema(asSchema(asSchema(part.if).properties)[discriminatorProperty]);
      if (condition.const === value) return asSchema(part.then);
    }
    return undefined;
  }

  /** Base properties plus, when `value` is given, those of the matching branch. */
  flatten(schema: Schema, value?: string): Flat {
    const s = this.resolve(schema);
    const flat: Flat = { properties: { ...(asSchema(s.properties) as Record<string, Schema>) }, required: new Set((s.required as string[] | undefined) ?? []) };
    if (value !== undefined) {
      const then = this.branch(s, value);
      if (then) mergeInto(flat, this.flatten(then));
    }
    return flat;
  }

  /** JSON types a value may have: `type`, const/enum value types, anyOf alternatives, the referenced definition. */
  typesOf(schema: Schema): Set<string> {
    const s = this.resolve(schema);
    const types = new Set<string>();
    if (typeof s.type === 'string') types.add(s.type);
    if (Array.isArray(s.type)) for (const t of s.type) types.add(String(t));
    if (types.size === 0 && 'const' in s) types.add(jsonType(s.const));
    if (types.size === 0 && Array.isArray(s.enum)) for (const v of s.enum) types.add(jsonType(v));
    for (const alternative of (s.anyOf as Schema[] | undefined) ?? []) for (const t of this.typesOf(alternative)) types.add(t);
    for (const alternative of (s.oneOf as Schema[] | undefined) ?? []) for (const t of this.typesOf(alternative)) types.add(t);
    if (types.size === 0 && (s.properties || s.allOf)) types.add('object');
    return types;
  }

  enumOf(schema: Schema): unknown[] | undefined {
    const s = this.resolve(schema);
    if (Array.isArray(s.enum)) return s.enum;
    for (const alternative of (s.anyOf as Schema[] | undefined) ?? []) {
      const e = this.enumOf(alternative);
      if (e) return e;
    }
    return undefined;
  }
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** integer is a number; a schema allowing number accepts integers. */
export function typeAccepts(accepted: Set<string>, type: string): boolean {
  return accepted.has(type) || (type === 'integer' && accepted.has('number'));
}
