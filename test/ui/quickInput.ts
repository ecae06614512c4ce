// The quick input steps a person answers (the guided environment set-up of the first Send, the tunnel URL of
// Register Listener as Webhook), for UI suites other than send.test.ts, which keeps its own copy of these steps.
import * as assert from 'node:assert/strict';
import type { FakeConversationApi } from '../support/fakeConversationApi';
import type { Workbench } from './workbench';

const QUICK_INPUT = '.quick-input-widget';

/** Waits for the quick input to show `prompt` (so keys go to the right step), then types and presses Enter. */
export async function answer(workbench: Workbench, prompt: RegExp, text: string, options: { password?: boolean } = {}): Promise<void> {
  const page = workbench.page;
  await page.locator(`${QUICK_INPUT} .quick-input-message, ${QUICK_INPUT} .quick-input-list, ${QUICK_INPUT} .quick-input-title`).filter({ hasText: prompt }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const input = page.locator(`${QUICK_INPUT} input.input`).first();
  if (options.password) assert.equal(await input.getAttribute('type'), 'password', `${prompt} is asked in a password box`);
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Waits for a pick whose placeholder matches, filters it by `text` and takes the row matching `row`. */
export async function pick(workbench: Workbench, placeholder: RegExp, text: string, row: RegExp): Promise<void> {
  const page = workbench.page;
  const input = page.locator(`${QUICK_INPUT} input.input`).first();
  await page.waitForFunction((source) => new RegExp(source).test((document.querySelector('.quick-input-widget input.input') as HTMLInputElement | null)?.placeholder ?? ''), placeholder.source, { timeout: 30_000 });
  await input.fill(text);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ hasText: row }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/**
 * The guided set-up the first Send of a workspace opens: an environment named `name` pointing at the fake, with the
 * key secret typed into the password box. Run it right after "Send Payload" in a workspace without environments.
 */
export async function setUpEnvironmentOnFirstSend(workbench: Workbench, fake: FakeConversationApi, name: string): Promise<void> {
  await answer(workbench, /A name for this environment/, name);
  await answer(workbench, /Project ID/, fake.options.projectId);
  await answer(workbench, /Conversation API app ID/, fake.options.appId);
  await pick(workbench, /Region the app was created in/, 'eu', /Europe/);
  await pick(workbench, /Where requests go/, 'Other', /mock, a proxy or a test server/);
  await answer(workbench, /Base URL of the Conversation API/, fake.url);
  await answer(workbench, /Token URL/, fake.authUrl);
  await answer(workbench, /Access key ID/, fake.options.keyId);
  await answer(workbench, /Access key secret of/, fake.options.keySecret, { password: true });
}

/** A notification as a toast, or in the Notification Center when that is open. */
export function notification(workbench: Workbench, text: RegExp) {
  return workbench.page.locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item').filter({ hasText: text }).first();
}
