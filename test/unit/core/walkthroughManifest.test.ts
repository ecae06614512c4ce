import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextKeys as managedKeys } from '../../../src/vscode/contextKeyNames';
import { stepsByContextKey } from '../../../src/vscode/walkthrough/manifestSteps';
import { repoRoot } from './testSupport';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: { light: string; dark: string; hc: string; hcLight: string }; markdown?: string; altText?: string };
  completionEvents?: string[];
}

const repo = repoRoot();
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const walkthrough = (manifest.contributes.walkthroughs as { id: string; title: string; steps: Step[] }[])[0]!;

// The commands and context keys other parts of the extension own (HELPERS contracts): the walkthrough may name them
// before their code is merged, and names nothing else.
const contractCommands = new Set([
  'convapiLine.send', 'convapiLine.addEnvironment', 'convapiLine.setKeySecret', 'convapiLine.configureLineChannel',
  'convapiLine.startListener', 'convapiLine.registerListenerAsWebhook', 'convapiLine.callbacks.focus', 'convapiLine.sentMessages.focus',
]);
const contextKeys = new Set([
  'convapiLine.hasEnvironment', 'convapiLine.hasSent', 'convapiLine.lineChannelConfigured', 'convapiLine.webhookRegistered',
  'convapiLine.listenerRunning', 'convapiLine.hasCallback',
]);

describe('the getting-started walkthrough in package.json', () => {
  const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  const views = new Set(Object.values(manifest.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));

  it('follows the spec page\'s set-up in order, from the LINE channel to the reply', () => {
    assert.equal(walkthrough.title, 'Get Started with LINE on the Conversation API');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), [
      'createChannel', 'copyCredentials', 'connectSinch', 'configureLineChannel', 'startListener', 'enableLineWebhooks',
      'addFriend', 'createPayload', 'previewPayload', 'sendPayload', 'seeReply',
    ]);
  });

  it('completes every step on a real event: a command, a context key, a link or a view', () => {
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has completionEvents (else a button click alone completes it)`);
      for (const event of step.completionEvents!) {
        const [kind, ...rest] = event.split(':');
        const target = rest.join(':');
        if (kind === 'onCommand') assert.ok(contributed.has(target) || contractCommands.has(target), `${step.id}: ${target} is a known command`);
        else if (kind === 'onContext') assert.ok(contextKeys.has(target), `${step.id}: ${target} is a context key of the contract`);
        else if (kind === 'onLink') assert.ok(step.description.includes(`](${target})`), `${step.id}: ${target} is a link of its description`);
        else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${target} is a contributed view`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('completes each step whose state the extension holds on the key of that state (the extension ticks them off from it too)', () => {
    assert.deepEqual(Object.fromEntries(stepsByContextKey(walkthrough)), {
      'convapiLine.hasEnvironment': ['connectSinch'],
      // Setting the LINE channel up takes the credentials the step before copies.
      'convapiLine.lineChannelConfigured': ['copyCredentials', 'configureLineChannel'],
      'convapiLine.webhookRegistered': ['startListener'],
      'convapiLine.hasCallback': ['addFriend'],
      'convapiLine.hasSent': ['sendPayload'],
    });
    // Ticked by the extension only through the keys it sets with ContextKeys: a step on another key would wait for
    // VS Code's own completionEvents alone.
    const managed = new Set<string>(Object.values(managedKeys));
    for (const key of stepsByContextKey(walkthrough).keys()) assert.ok(managed.has(key), `${key} is set through ContextKeys`);
  });

  it('names only known commands in its buttons', () => {
    for (const step of walkthrough.steps) {
      for (const [, command] of step.description.matchAll(/\]\(command:([\w.]+)\)/g)) {
        assert.ok(contributed.has(command!) || contractCommands.has(command!), `${step.id}: ${command}`);
      }
    }
    for (const id of ['convapiLine.newPayload', 'convapiLine.openPreviewToSide', 'convapiLine.openWalkthrough']) assert.ok(contributed.has(id), id);
  });

  it('has media for every step, shipped in the VSIX, with alt text for images', () => {
    const allowed = readFileSync(join(repo, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const shipped = (file: string) => allowed.some((pattern) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(file));
    for (const step of walkthrough.steps) {
      const files = step.media.image ? [...new Set(Object.values(step.media.image))] : [step.media.markdown];
      assert.ok(files.length > 0 && files.every(Boolean), `${step.id} has media`);
      if (step.media.image) {
        assert.deepEqual(Object.keys(step.media.image).sort(), ['dark', 'hc', 'hcLight', 'light'], `${step.id}: an image for every kind of theme`);
        assert.ok(step.media.altText && step.media.altText.length > 20, `${step.id}: alt text`);
        assert.notEqual(step.media.image.light, step.media.image.dark, `${step.id}: a dark image of its own`);
      }
      for (const file of files as string[]) {
        assert.ok(existsSync(join(repo, file)), `${step.id}: ${file} exists`);
        assert.ok(shipped(file), `${step.id}: ${file} is allowed by .vscodeignore`);
      }
    }
  });

  it('links only to LINE\'s own sites', () => {
    for (const step of walkthrough.steps) {
      for (const [, url] of step.description.matchAll(/\]\((https?:[^)]+)\)/g)) assert.match(url!, /^https:\/\/(developers|manager)\.line\.biz\//, `${step.id}: ${url}`);
    }
  });
});
