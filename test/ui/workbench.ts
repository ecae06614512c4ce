// Drives the VS Code workbench the way a person does, through playwright-core. The UI suite is started by
// scripts/vscode-test/run-ui.mjs, which installs the VSIX, starts code-server and a Chromium browser server, and
// passes their addresses in CONVAPI_UI_* variables. Selectors are the ones that work with VS Code 1.139.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';

export interface UiEnvironment {
  /** code-server's address, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** playwright browser server to connect to */
  readonly wsEndpoint: string;
  /** Absolute path of test/workspace, the folder the workbench opens. */
  readonly workspace: string;
  /** Where screenshots go: test-results/ui */
  readonly resultsDir: string;
  readonly repoRoot: string;
}

export function uiEnvironment(): UiEnvironment {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the UI suite with node scripts/vscode-test/run-ui.mjs`);
    return value;
  };
  return {
    url: read('CONVAPI_UI_URL'),
    wsEndpoint: read('CONVAPI_UI_WS_ENDPOINT'),
    workspace: read('CONVAPI_UI_WORKSPACE'),
    resultsDir: read('CONVAPI_UI_RESULTS'),
    repoRoot: read('CONVAPI_UI_REPO_ROOT'),
  };
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROW = `${QUICK_INPUT} .monaco-list-row`;

export class Workbench {
  readonly #browser: Browser;
  readonly #context: BrowserContext;
  readonly page: Page;
  readonly env: UiEnvironment;

  private constructor(env: UiEnvironment, browser: Browser, context: BrowserContext, page: Page) {
    this.env = env;
    this.#browser = browser;
    this.#context = context;
    this.page = page;
  }

  /**
   * Opens a new browser context (its own storage, so no editors are restored from an earlier test) on the
   * workbench with `folder` (default: the fixture workspace) and waits until the Explorer lists its files.
   */
  static async open(options: { folder?: string } = {}): Promise<Workbench> {
    const env = uiEnvironment();
    const browser = await chromium.connect(env.wsEndpoint, { timeout: 30_000 });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const workbench = new Workbench(env, browser, context, page);
    const folder = options.folder ?? env.workspace;
    await page.goto(`${env.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return workbench;
  }

  async close(): Promise<void> {
    await this.#context.close().catch(() => undefined);
    await this.#browser.close().catch(() => undefined);
  }

  /**
   * Runs a command by its palette title (e.g. "View: Toggle Terminal"). Retries while the palette says "No matching
   * commands": right after start-up the extension host may not have registered the extension's commands yet.
   */
  async runCommandFromPalette(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator(`${QUICK_INPUT} input`);
    const row = this.page.locator(QUICK_INPUT_ROW).filter({ hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.#closeQuickInput();
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        await row.click();
        // A click on a row the list re-drew under the pointer leaves the palette open with our text, and nothing
        // runs; a command that opens its own quick input replaces the text, which is fine.
        const ran = await this.page
          .waitForFunction(
            (typed) => {
              const box = document.querySelector('.quick-input-widget input') as HTMLInputElement | null;
              return !box || box.offsetParent === null || box.value !== typed;
            },
            `>${title}`,
            { timeout: 10_000 },
          )
          .then(() => true, () => false);
        if (!ran) throw new Error(`the palette still shows "${title}" after the click`);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`command "${title}" not found in the palette after ${attempt} attempts: ${String(error)}`);
        }
        await this.page.waitForTimeout(1_000);
      }
    }
  }

  /** Opens a file of the open folder through Quick Open (Ctrl+P), as a person would, and waits for its tab. */
  async openFile(relativePath: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const name = path.posix.basename(relativePath);
    const input = this.page.locator(`${QUICK_INPUT} input`);
    // File search needs the server's file index: early after start-up the list can still be empty.
    for (;;) {
      await this.#closeQuickInput();
      await this.page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(relativePath);
      const row = this.page.locator(QUICK_INPUT_ROW).filter({ hasText: name }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        await row.click();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`"${relativePath}" not found by Quick Open: ${String(error)}`);
        await this.page.waitForTimeout(1_000);
      }
    }
    await this.activeTab(name).waitFor({ state: 'visible', timeout: 30_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
  }

  /** The active editor tab of the file `name` (not a preview tab whose label mentions it). */
  activeTab(name: string): Locator {
    return this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`);
  }

  /** Error squiggles in the visible editors. */
  errorSquiggles(): Locator {
    return this.page.locator('.monaco-editor .squiggly-error');
  }

  /** Opens the Problems panel and returns its rows (each row is one file or one problem). */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
        await this.runCommandFromPalette('View: Focus Problems');
        await panel.waitFor({ state: 'visible', timeout: 10_000 });
      });
    }
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  /** Texts of the notifications on screen: toasts, and the Notification Center's when it is open. */
  async notificationMessages(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message').allInnerTexts();
  }

  /**
   * The content frame of the most recently shown webview (a webview is an outer iframe holding the content iframe).
   */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  /** Saves a full-window screenshot as test-results/ui/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.env.resultsDir, { recursive: true });
    const file = path.join(this.env.resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async #closeQuickInput(): Promise<void> {
    if (await this.page.locator(`${QUICK_INPUT} input`).isVisible()) {
      await this.page.keyboard.press('Escape');
    }
  }
}

/**
 * Opens one workbench for the enclosing mocha suite, screenshots the moment a test fails (a picture says more than
 * the selector that timed out) and closes it afterwards. Returns a getter, since the workbench opens in `before`.
 */
export function useWorkbench(options: () => Parameters<typeof Workbench.open>[0] = () => ({})): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    workbench = await Workbench.open(options());
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
    }
  });
  after(async function () {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
}
