import * as vscode from 'vscode';
import { type Settings, parseSettings } from '../core/settings';

export const configSection = 'convapiLine';

export function readConfiguration(): Settings {
  const config = vscode.workspace.getConfiguration(configSection);
  return parseSettings((key) => config.get(key));
}
