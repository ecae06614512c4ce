import * as vscode from 'vscode';
import { Secrets } from '../secrets';

const knownAppsKey = 'convapiLine.webhookSecretApps';
const keyPrefix = Secrets.webhookSecret('');

/**
 * The webhook secrets the listener checks signatures with, one per app, held in memory so a request is checked
 * without waiting on SecretStorage. Loaded for the apps of the configured environments and for every app a secret
 * was stored for (by "Create Webhook" or "Set Webhook Secret"), and reloaded when SecretStorage changes, in any window.
 */
export class WebhookSecrets implements vscode.Disposable {
  readonly #secrets = new Map<string, string>();
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#onDidChange.event;
  readonly #listener: vscode.Disposable;

  constructor(
    readonly secrets: Secrets,
    readonly memento: vscode.Memento,
  ) {
    this.#listener = secrets.onDidChange((key) => {
      if (key.startsWith(keyPrefix)) void this.#load(key.slice(keyPrefix.length)).then(() => this.#onDidChange.fire());
    });
  }

  async loadAll(appIds: readonly string[]): Promise<void> {
    const apps = new Set([...appIds, ...this.#knownApps()]);
    await Promise.all([...apps].map((app) => this.#load(app)));
    this.#onDidChange.fire();
  }

  async #load(appId: string): Promise<void> {
    const secret = await this.secrets.get(Secrets.webhookSecret(appId));
    if (secret) this.#secrets.set(appId, secret);
    else this.#secrets.delete(appId);
  }

  #knownApps(): string[] {
    const saved = this.memento.get<unknown>(knownAppsKey);
    return Array.isArray(saved) ? saved.filter((a): a is string => typeof a === 'string') : [];
  }

  async set(appId: string, secret: string): Promise<void> {
    await this.secrets.store(Secrets.webhookSecret(appId), secret);
    await this.memento.update(knownAppsKey, [...new Set([...this.#knownApps(), appId])]);
    this.#secrets.set(appId, secret);
    this.#onDidChange.fire();
  }

  async delete(appId: string): Promise<void> {
    await this.secrets.delete(Secrets.webhookSecret(appId));
    this.#secrets.delete(appId);
    this.#onDidChange.fire();
  }

  /** The app's own secret when the callback names a known app; else every known secret (any may match). */
  candidates(appId: string | undefined): string[] {
    const own = appId ? this.#secrets.get(appId) : undefined;
    return own ? [own] : [...this.#secrets.values()];
  }

  get appIds(): string[] {
    return [...this.#secrets.keys()];
  }

  dispose(): void {
    this.#listener.dispose();
    this.#onDidChange.dispose();
  }
}
