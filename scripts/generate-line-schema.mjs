#!/usr/bin/env node
// Generates schemas/line-explicit-message.schema.json from LINE's Messaging API OpenAPI file, vendored in
// test/fixtures/contracts/line-openapi/messaging-api.yml (the generator itself: scripts/line-schema-generator.mjs).
//
//   node scripts/generate-line-schema.mjs           rewrite the schema
//   node scripts/generate-line-schema.mjs --check   exit 1 when the checked-in schema differs from what it generates
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generateLineSchema, serialize } from './line-schema-generator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const openApiPath = join(here, '..', 'test', 'fixtures', 'contracts', 'line-openapi', 'messaging-api.yml');
const schemaPath = join(here, '..', 'schemas', 'line-explicit-message.schema.json');

const text = serialize(generateLineSchema(parse(readFileSync(openApiPath, 'utf8'))));
if (process.argv.includes('--check')) {
  if (readFileSync(schemaPath, 'utf8') !== text) {
    console.error('schemas/line-explicit-message.schema.json is out of date: run node scripts/generate-line-schema.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(schemaPath, text);
}
