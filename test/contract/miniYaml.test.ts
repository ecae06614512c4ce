import * as assert from 'node:assert/strict';
import { readShared } from '../unit/core/testSupport';
import { YamlError, type YamlValue, parseYaml } from './miniYaml';

describe('miniYaml (the contract tests’ YAML reader)', () => {
  it('reads mappings, sequences and scalars', () => {
    const doc = parseYaml(
      [
        'openapi: 3.0.0',
        'info:',
        '  title: LINE Messaging API',
        '  version: "0.0.1"',
        'count: 12',
        'ratio: 1.5',
        'flag: true',
        'nothing: null',
        'empty:',
        'list:',
        '  - a',
        '  - "b # not a comment"',
        "  - 'it''s'",
        'inline: [x, "y", 3]',
        'map: {a: 1, b: [2]}',
        'none: {}',
        'key with spaces: value # trailing comment',
        '"/v2/bot/message:send": quoted key',
      ].join('\n'),
    );
    assert.deepEqual(doc, {
      openapi: '3.0.0',
      info: { title: 'LINE Messaging API', version: '0.0.1' },
      count: 12,
      ratio: 1.5,
      flag: true,
      nothing: null,
      empty: null,
      list: ['a', 'b # not a comment', "it's"],
      inline: ['x', 'y', 3],
      map: { a: 1, b: [2] },
      none: {},
      'key with spaces': 'value',
      '/v2/bot/message:send': 'quoted key',
    });
  });

  it('reads "- key: value" items, sequences at the key indent and nested blocks', () => {
    const doc = parseYaml(
      [
        'allOf:',
        '  - "$ref": "#/components/schemas/Message"',
        '  - type: object',
        '    required:',
        '    - text',
        '    properties:',
        '      text:',
        '        type: string',
        '        maxLength: 5000',
        'tags:',
        '- one',
        '- two',
      ].join('\n'),
    );
    assert.deepEqual(doc, {
      allOf: [{ $ref: '#/components/schemas/Message' }, { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 5000 } } }],
      tags: ['one', 'two'],
    });
  });

  it('reads block scalars with chomping, and multi-line plain scalars', () => {
    const doc = parseYaml(
      [
        'literal: |',
        '  line 1',
        '  line 2',
        '',
        'keep: |+',
        '  kept',
        '',
        'strip: |-',
        '  stripped',
        'folded: >',
        '  a',
        '  b',
        '',
        '  c',
        'plain:',
        '  This document describes',
        '  LINE Messaging API.',
        'after: 1',
      ].join('\n'),
    ) as Record<string, YamlValue>;
    assert.equal(doc.literal, 'line 1\nline 2\n');
    assert.equal(doc.keep, 'kept\n\n');
    assert.equal(doc.strip, 'stripped');
    assert.equal(doc.folded, 'a b\nc\n');
    assert.equal(doc.plain, 'This document describes LINE Messaging API.');
    assert.equal(doc.after, 1);
  });

  it('refuses what it does not understand instead of guessing', () => {
    assert.throws(() => parseYaml('a: &anchor 1'), YamlError);
    assert.throws(() => parseYaml('a:\n\tb: 1'), YamlError);
    assert.throws(() => parseYaml('a: 1\na: 2'), YamlError);
    assert.throws(() => parseYaml('a: "open'), YamlError);
  });

  it('reads the three contract files, and agrees with js-yaml where that happens to be installed', function () {
    const files = [
      ['contracts', 'line-openapi', 'messaging-api.yml'],
      ['contracts', 'line-openapi', 'webhook.yml'],
      ['contracts', 'sinch-openapi-2023', 'conversation.yaml'],
    ];
    let jsYaml: { load(source: string, options?: object): unknown; JSON_SCHEMA?: object } | undefined;
    try {
      // Not a dependency of ours (mocha brings it): used only to cross-check when present.
      jsYaml = require('js-yaml') as typeof jsYaml;
    } catch {
      jsYaml = undefined;
    }
    for (const file of files) {
      const source = readShared(...file);
      const mine = parseYaml(source);
      assert.ok(mine && typeof mine === 'object', file.join('/'));
      if (jsYaml) {
        // JSON_SCHEMA keeps timestamps as strings, as we do.
        const theirs = jsYaml.load(source, { schema: jsYaml.JSON_SCHEMA });
        assert.deepEqual(mine, theirs, `${file.join('/')}: miniYaml and js-yaml disagree`);
      }
    }
    if (!jsYaml) this.skip();
  });
});
