import * as vscode from 'vscode';
import type { ListenerService } from './listenerService';

/** State, address and count of the listener; a click starts it, or offers what to do with the running one. */
export class ListenerStatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('convapiLine.listener', vscode.StatusBarAlignment.Left, 50);
  readonly #subscription: vscode.Disposable;

  constructor(readonly service: ListenerService) {
    this.#item.name = 'Webhook Listener';
    this.#subscription = service.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const state = this.service.state;
    const { received, rejected } = this.service.counts;
    if (state.kind === 'running') {
      const address = `${state.host.includes(':') ? `[${state.host}]` : state.host}:${state.port}`;
      this.#item.text = `$(radio-tower) ${address} · ${received}${rejected ? ` · $(warning) ${rejected}` : ''}`;
      const tooltip = new vscode.MarkdownString(undefined, true);
      tooltip.appendMarkdown(`**Webhook listener running**\n\nLocal URL: \`${state.localUrl}\`\n\n`);
      if (state.externalUrl) tooltip.appendMarkdown(`Reachable from outside as: \`${state.externalUrl}\`\n\n`);
      tooltip.appendMarkdown(`${received} callback${received === 1 ? '' : 's'} accepted, ${rejected} refused\n\nClick for actions.`);
      this.#item.tooltip = tooltip;
      this.#item.command = 'convapiLine.listenerActions';
      this.#item.backgroundColor = rejected > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.#item.show();
    } else if (state.kind === 'starting') {
      this.#item.text = '$(loading~spin) Webhook listener';
      this.#item.show();
    } else {
      this.#item.text = '$(debug-disconnect) Listener off';
      this.#item.tooltip = 'Webhook listener stopped. Click to start it.';
      this.#item.command = 'convapiLine.startListener';
      this.#item.backgroundColor = undefined;
      if (this.service.history.store.size > 0) this.#item.show();
      else this.#item.hide();
    }
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#item.dispose();
  }
}
