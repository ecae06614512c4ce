import * as vscode from 'vscode';
import { type Settings, parseSettings } from '../core/settings';

export const configSection = 'convapiLine';

export function readConfiguration(): Settings {
  const config = vscode.workspace.getConfiguration(configSection);
  return parseSettings((key) => (renamed.has(key) ? explicitValue(config, key) : config.get(key)));
}

/** Settings with an old name: their default must not hide a value the user set under the old name. */
const renamed = new Set(['media.timeout']);

function explicitValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = config.inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** The one settings path: the typed settings now, and an event when they change. */
export class SettingsStore implements vscode.Disposable {
  #current = readConfiguration();
  readonly #onDidChange = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.#onDidChange.event;
  readonly #listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(configSection) && !e.affectsConfiguration('json.validate')) return;
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
