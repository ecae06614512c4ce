import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

export const walkthroughTitle = 'Get Started with LINE on the Conversation API';
export const stepId = (step: string) => `convapi-line.convapi-line#gettingStarted#${step}`;

/** The walkthrough's page in a window: its steps, and whether VS Code shows them ticked off. */
export function walkthroughPage(workbench: Workbench) {
  const page = () => workbench.page.locator('.gettingStartedContainer');
  const done = (id: string): Locator => page().locator(`[data-done-step-id="${stepId(id)}"]`).first();
  return {
    page,
    step: (id: string): Locator => page().locator(`button.getting-started-step[data-step-id="${stepId(id)}"]`),
    isDone: async (id: string) => (await done(id).getAttribute('aria-checked')) === 'true',
    /** Waits until the step shows ticked off (VS Code redraws the page as steps progress). */
    waitDone: (id: string, timeout = 30_000) =>
      workbench.page.waitForFunction((full) => document.querySelector(`[data-done-step-id="${full}"]`)?.getAttribute('aria-checked') === 'true', stepId(id), { timeout }),
    open: async () => {
      await workbench.runCommandFromPalette('Sinch Conversation API LINE: Open the Getting Started Walkthrough');
      await page().filter({ hasText: walkthroughTitle }).waitFor({ state: 'visible', timeout: 30_000 });
    },
  };
}
