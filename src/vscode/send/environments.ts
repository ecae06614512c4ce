import * as vscode from 'vscode';
import { type Environment, environmentToSetting } from '../../core/conversation/environment';
import { writeEnvironments } from '../config';
import type { Services } from '../services';
import { Secrets } from '../secrets';
import { Disposable } from '../util/dispose';
import { contextKeys } from '../contextKeys';

const activeKey = 'convapiLine.activeEnvironment';

/**
 * The environments of convapiLine.environments (non-secret fields), which one is active in this workspace, and
 * their key secrets in SecretStorage.
 */
export class Environments extends Disposable {
  readonly #onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.#onDidChange.event;
  #reportedProblems = '';

  constructor(private readonly services: Services) {
    super();
    this._register(services.settings.onDidChange(() => this.#changed()));
    this._register(services.secrets.onDidChange((key) => key.startsWith('convapiLine.keySecret/') && this.#onDidChange.fire()));
    this.#changed();
  }

  get all(): readonly Environment[] {
    return this.services.settings.current.environments;
  }

  get active(): Environment | undefined {
    const name = this.services.context.workspaceState.get<string>(activeKey);
    return this.all.find((e) => e.name === name) ?? this.all[0];
  }

  byName(name: string): Environment | undefined {
    return this.all.find((e) => e.name === name);
  }

  async setActive(name: string): Promise<void> {
    await this.services.context.workspaceState.update(activeKey, name);
    this.#onDidChange.fire();
  }

  /** Adds (or replaces, by name) an environment in settings, makes it active, and stores its secret. */
  async add(env: Environment, keySecret: string | undefined): Promise<void> {
    if (keySecret) await this.services.secrets.store(Secrets.keySecret(env.name), keySecret);
    await writeEnvironments((current) => [...current.filter((e) => (e as { name?: unknown })?.name !== env.name), environmentToSetting(env)]);
    await this.setActive(env.name);
  }

  keySecret(env: Environment): Thenable<string | undefined> {
    return this.services.secrets.get(Secrets.keySecret(env.name));
  }

  /** Asks for the key secret in a password box and keeps it; undefined when the user cancels. */
  async askKeySecret(env: Environment, reason = ''): Promise<string | undefined> {
    const secret = await vscode.window.showInputBox({
      title: `Access Key Secret of "${env.name}"`,
      prompt: `${reason}The secret of access key ${env.keyId} (project ${env.projectId}). Kept in VS Code's secret storage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter the key secret (shown once when the access key was created in the Sinch dashboard).' : undefined),
    });
    if (!secret) return undefined;
    await this.services.secrets.store(Secrets.keySecret(env.name), secret.trim());
    return secret.trim();
  }

  async removeKeySecret(env: Environment): Promise<void> {
    await this.services.secrets.delete(Secrets.keySecret(env.name));
  }

  #changed(): void {
    this.services.contextKeys.set(contextKeys.hasEnvironment, this.all.length > 0);
    const problems = this.services.settings.current.environmentProblems;
    const text = problems.join('\n');
    if (text && text !== this.#reportedProblems) {
      for (const p of problems) this.services.log.warn(`Settings: ${p}`);
      void vscode.window.showWarningMessage(`Some Conversation API environments in settings were ignored: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more, see the log)` : ''}`);
    }
    this.#reportedProblems = text;
    this.#onDidChange.fire();
  }
}
