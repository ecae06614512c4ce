import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { Environments } from './environments';
import { sendCommandIds } from './commandIds';

/** The active environment in the status bar; hidden while none is configured. Clicking it switches. */
export class EnvironmentStatus extends Disposable {
  readonly #item = this._register(vscode.window.createStatusBarItem('convapiLine.environment', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly environments: Environments) {
    super();
    this.#item.name = 'Conversation API Environment';
    this.#item.command = sendCommandIds.selectEnvironment;
    this._register(environments.onDidChange(() => this.#update()));
    this.#update();
  }

  #update(): void {
    const env = this.environments.active;
    if (!env) {
      this.#item.hide();
      return;
    }
    this.#item.text = `$(send) Sinch: ${env.name} (${env.region})`;
    this.#item.tooltip = new vscode.MarkdownString(
      `**Conversation API environment** \`${env.name}\`\n\nProject \`${env.projectId}\` · app \`${env.appId}\` · region \`${env.region}\`${env.conversationUrl ? `\n\nEndpoint ${env.conversationUrl}` : ''}\n\nClick to switch environments.`,
    );
    this.#item.show();
  }
}
