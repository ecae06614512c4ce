import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import sendMessageSchema from '../../../schemas/send-message.schema.json';
import { exampleText, payloadExamples } from '../../../src/core/examples/payloadExamples';

interface Snippet {
  label: string;
  body: unknown;
  markdownDescription?: string;
}

/** What VS Code inserts when the snippet's tab stops keep their defaults: `${1:x}` → `x`, `\}` → `}`. */
function expand(value: unknown): unknown {
  if (typeof value === 'string') {
    let previous;
    let text = value;
    do {
      previous = text;
      text = text.replace(/\$\{\d+:((?:[^{}\\]|\\.|\{\{[^{}]*\}\})*)\}/g, '$1');
    } while (text !== previous);
    return text.replace(/\\([}$\\])/g, '$1');
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  return value;
}

function snippetsAt(schema: any): Snippet[] {
  return (schema.defaultSnippets ?? []) as Snippet[];
}

const wrap = (message: unknown) => JSON.stringify({ app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message }, null, 2);

describe('schema snippets and examples', () => {
  const schema = sendMessageSchema as any;

  it('offers a whole-payload snippet for every LINE-native message type and the sticker', () => {
    const labels = snippetsAt(schema).map((s) => s.label).join(' | ');
    for (const kind of ['text', 'image', 'video', 'choice', 'card', 'carousel', 'location', 'sticker']) {
      assert.match(labels, new RegExp(`LINE ${kind}`, 'i'), `a root snippet for ${kind}`);
    }
  });

  for (const snippet of snippetsAt(sendMessageSchema as any)) {
    it(`root snippet "${snippet.label}" expands to a payload without errors or warnings`, () => {
      const text = JSON.stringify(expand(snippet.body), null, 2);
      const found = checkText(text).diagnostics;
      assert.deepEqual(found.map((d) => `${d.code} ${d.message}`), []);
    });
  }

  for (const snippet of snippetsAt((sendMessageSchema as any).definitions.appMessage)) {
    it(`message snippet "${snippet.label}" expands to a valid message`, () => {
      const found = checkText(wrap(expand(snippet.body))).diagnostics.filter((d) => d.severity !== 'information');
      assert.deepEqual(found.map((d) => `${d.code} ${d.message}`), []);
    });
  }

  for (const snippet of snippetsAt((sendMessageSchema as any).definitions.choice)) {
    it(`choice snippet "${snippet.label}" is a valid button`, () => {
      const message = { choice_message: { text_message: { text: 'Pick one' }, choices: [expand(snippet.body)] } };
      assert.deepEqual(checkText(wrap(message)).diagnostics.map((d) => d.code), []);
    });
  }

  it('every definition and top-level property has hover documentation', () => {
    const missing: string[] = [];
    for (const [name, def] of Object.entries<any>(schema.definitions)) {
      if (!def.markdownDescription && !def.$ref) missing.push(`definitions/${name}`);
    }
    for (const [name, prop] of Object.entries<any>(schema.properties)) {
      if (!prop.markdownDescription && !prop.$ref) missing.push(`properties/${name}`);
    }
    assert.deepEqual(missing, []);
  });

  for (const example of payloadExamples) {
    it(`"New LINE Payload…" example ${example.id} checks clean`, () => {
      assert.deepEqual(checkText(exampleText(example)).diagnostics.map((d) => d.code), []);
    });
  }
});
