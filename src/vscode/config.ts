import * as vscode from 'vscode';
import { type Settings, parseSettings } from '../core/settings';

export const configSection = 'convapiLine';

export function readConfiguration(): Settings {
  const config = vscode.workspace.getConfiguration(configSection);
  // VS Code's proxy settings apply to our requests too (Conversation API, media pre-flight).
  const http = vscode.workspace.getConfiguration('http');
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const noProxy = http.get<unknown>('noProxy');
  return parseSettings((key) => config.get(key), {
    proxy: text(http.get('proxy')),
    noProxy: Array.isArray(noProxy) && noProxy.length ? noProxy.filter((h) => typeof h === 'string').join(',') : undefined,
  });
}

/** The one settings path: the typed settings now, and an event when they change. */
export class SettingsStore implements vscode.Disposable {
  #current = readConfiguration();
  readonly #onDidChange = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.#onDidChange.event;
  readonly #listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(configSection) && !e.affectsConfiguration('json.validate') && !e.affectsConfiguration('http')) return;
    this.#current = readConfiguration();
    this.#onDidChange.fire(this.#current);
  });

  get current(): Settings {
    return this.#current;
  }

  dispose(): void {
    this.#listener.dispose();
    this.#onDidChange.dispose();
  }
}

/**
 * Writes `convapiLine.environments` where the user keeps it: the workspace when a folder is open (so a team can
 * commit it), else user settings. Only non-secret fields ever reach this.
 */
export async function writeEnvironments(update: (current: unknown[]) => unknown[]): Promise<void> {
  const config = vscode.workspace.getConfiguration(configSection);
  const inspected = config.inspect<unknown[]>('environments');
  const toWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const current = (toWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  await config.update('environments', update(Array.isArray(current) ? current : []), toWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}
