// Reads the request types of the official Sinch Node SDK (@sinch/conversation, its .d.ts declaration files) with the
// TypeScript compiler, into a plain tree that a test can compare with our JSON Schema field by field.
import * as path from 'node:path';
import ts from 'typescript';

/** One SDK type, as JSON sees it. */
export type SdkType =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' }
  /** TypeScript's `object`: any JSON object. */
  | { kind: 'any-object' }
  /** Values of different JSON types (`string | number`). */
  | { kind: 'union'; options: SdkType[] }
  /** A union of string literals; `open` when the SDK adds `| string` (values the API may add later). */
  | { kind: 'enum'; values: string[]; open: boolean }
  | { kind: 'array'; items: SdkType }
  | SdkObject;

export interface SdkObject {
  kind: 'object';
  name: string;
  fields: Map<string, SdkField>;
  /** The value type of a string index signature (`{ [key: string]: string }`, mapped types over `… | string`). */
  index?: SdkType;
  members: SdkObjectMember[];
  /** The union restricted to the members whose literal `property` is one of `allowed`. */
  narrow(property: string, allowed: readonly unknown[]): SdkObject;
}

export interface SdkField {
  name: string;
  optional: boolean;
  nullable: boolean;
  type: SdkType;
  /** The JSDoc text: where the SDK documents lengths ("Up to 128 characters long"). */
  doc: string;
}

/** One member of a union of object types (AppMessage = AppCardMessage | …), with its literal discriminants. */
export interface SdkObjectMember {
  name: string;
  literals: Map<string, string>;
}

/**
 * Loads `SendMessageRequest<Recipient>` from the SDK's declaration files. Object types are read lazily (fields on
 * first access) so recursive types terminate.
 */
export class SdkModel {
  readonly #checker: ts.TypeChecker;
  readonly #root: ts.Type;
  readonly #objects = new Map<ts.Type, SdkType>();
  /** Every interface or type alias name the walk has read, for coverage assertions. */
  readonly visitedNames = new Set<string>();

  constructor(packageDir: string) {
    const models = path.join(packageDir, 'dist', 'models', 'v1');
    const entry = path.join(packageDir, '__convapi_entry__.ts');
    const source = [
      `import type { SendMessageRequest } from ${JSON.stringify(path.join(models, 'send-message-request'))};`,
      `import type { Recipient } from ${JSON.stringify(path.join(models, 'recipient'))};`,
      'export type Root = SendMessageRequest<Recipient>;',
    ].join('\n');
    const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [] };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      path.resolve(fileName) === entry ? ts.createSourceFile(fileName, source, languageVersion, true) : getSourceFile(fileName, languageVersion, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => path.resolve(fileName) === entry || fileExists(fileName);
    const program = ts.createProgram([entry], options, host);
    this.#checker = program.getTypeChecker();
    const file = program.getSourceFile(entry)!;
    const alias = file.statements.find(ts.isTypeAliasDeclaration)!;
    this.#root = this.#checker.getTypeAtLocation(alias.name);
  }

  root(): SdkType {
    return this.#read(this.#root, undefined);
  }

  /** `node` is the declared type, when there is one: `'A' | 'B' | string` is plain `string` to the checker. */
  #read(type: ts.Type, node: ts.TypeNode | undefined): SdkType {
    const literal = node ? this.#literalUnion(node) : undefined;
    if (literal) return literal;
    const parts = type.isUnion() ? type.types : [type];
    const kept = parts.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never)));
    if (kept.length === 0) return { kind: 'unknown' };
    if (kept.every((t) => t.flags & ts.TypeFlags.StringLike)) {
      const values = kept.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
      return values.length === kept.length ? { kind: 'enum', values, open: false } : { kind: 'string' };
    }
    if (kept.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { kind: 'boolean' };
    if (kept.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { kind: 'number' };
    if (kept.every((t) => this.#checker.isArrayType(t))) {
      const elements = kept.map((t) => this.#checker.getTypeArguments(t as ts.TypeReference)[0]!);
      const elementNode = node && ts.isArrayTypeNode(node) ? node.elementType : undefined;
      return { kind: 'array', items: elements.length === 1 ? this.#read(elements[0]!, elementNode) : this.#objectUnion(elements) };
    }
    // Date is sent as its ISO string (JSON.stringify).
    if (kept.length === 1 && kept[0]!.getSymbol()?.getName() === 'Date') return { kind: 'string' };
    if (kept.every((t) => t.flags & ts.TypeFlags.Object)) return kept.length === 1 ? this.#object(kept[0]!) : this.#objectUnion(kept);
    if (kept.length === 1 && kept[0]!.flags & ts.TypeFlags.NonPrimitive) return { kind: 'any-object' };
    if (kept.length > 1) return { kind: 'union', options: kept.map((t) => this.#read(t, undefined)) };
    return { kind: 'unknown' };
  }

  /** `'A' | 'B'` or an alias of it, with `| string` noted as open. Undefined when the node is not such a union. */
  #literalUnion(node: ts.TypeNode): SdkType | undefined {
    let current: ts.TypeNode = node;
    for (let guard = 0; guard < 10; guard++) {
      if (ts.isParenthesizedTypeNode(current)) current = current.type;
      else if (ts.isTypeReferenceNode(current)) {
        const symbol = this.#checker.getSymbolAtLocation(current.typeName);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.#checker.getAliasedSymbol(symbol) : symbol;
        const declaration = target?.declarations?.find(ts.isTypeAliasDeclaration);
        if (!declaration) return undefined;
        this.visitedNames.add(declaration.name.text);
        current = declaration.type;
      } else break;
    }
    if (ts.isLiteralTypeNode(current) && ts.isStringLiteral(current.literal)) return { kind: 'enum', values: [current.literal.text], open: false };
    if (!ts.isUnionTypeNode(current)) return undefined;
    const values: string[] = [];
    let open = false;
    for (const member of current.types) {
      if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) values.push(member.literal.text);
      else if (member.kind === ts.SyntaxKind.StringKeyword) open = true;
      else if (member.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword)) continue;
      else return undefined;
    }
    return values.length > 0 ? { kind: 'enum', values, open } : undefined;
  }

  #object(type: ts.Type): SdkType {
    return this.#objectUnion([type]);
  }

  /** Fields of one object type or of a union of them: a field is required only when every member requires it. */
  #objectUnion(types: readonly ts.Type[]): SdkType {
    const key = types.length === 1 ? types[0]! : undefined;
    const cached = key && this.#objects.get(key);
    if (cached) return cached;
    const names = types.map((t) => this.#checker.typeToString(t));
    for (const t of types) {
      const symbol = t.aliasSymbol ?? t.getSymbol();
      if (symbol && symbol.getName() !== '__type' && symbol.getName() !== '__object') this.visitedNames.add(symbol.getName());
    }
    const result: SdkObject = {
      kind: 'object',
      name: names.join(' | '),
      fields: new Map(),
      members: [],
      narrow: (property, allowed) => {
        const kept = types.filter((_, i) => allowed.includes(result.members[i]!.literals.get(property)));
        return kept.length === 0 || kept.length === types.length ? result : (this.#objectUnion(kept) as SdkObject);
      },
    };
    if (key) this.#objects.set(key, result);
    const seenIn = new Map<string, number>();
    const requiredIn = new Map<string, number>();
    for (const t of types) {
      const member: SdkObjectMember = { name: this.#checker.typeToString(t), literals: new Map() };
      result.members.push(member);
      for (const property of this.#checker.getPropertiesOfType(t)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        const propertyType = this.#checker.getTypeOfSymbol(property);
        const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
        // `x?: never` (read as undefined): not a field of this member.
        if (parts.every((p) => p.flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined))) continue;
        const name = property.getName();
        const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
        seenIn.set(name, (seenIn.get(name) ?? 0) + 1);
        if (!optional) requiredIn.set(name, (requiredIn.get(name) ?? 0) + 1);
        const typeNode = declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
        const read = this.#read(propertyType, typeNode);
        if (read.kind === 'enum' && read.values.length === 1 && !read.open) member.literals.set(name, read.values[0]!);
        const nullable = propertyType.isUnion() ? propertyType.types.some((p) => p.flags & ts.TypeFlags.Null) : (propertyType.flags & ts.TypeFlags.Null) !== 0;
        const doc = ts.displayPartsToString(property.getDocumentationComment(this.#checker));
        const existing = result.fields.get(name);
        // The same field in several members (postback_data in every choice): one entry, merged.
        if (!existing) result.fields.set(name, { name, optional, nullable, type: read, doc });
        else existing.nullable ||= nullable;
      }
      const index = this.#checker.getIndexInfosOfType(t).find((i) => i.keyType.flags & ts.TypeFlags.String);
      if (index) {
        const declarationNode = index.declaration?.type;
        result.index = this.#read(index.type, declarationNode);
      }
    }
    for (const [name, field] of result.fields) field.optional = (requiredIn.get(name) ?? 0) < types.length || (seenIn.get(name) ?? 0) < types.length;
    return result;
  }
}
