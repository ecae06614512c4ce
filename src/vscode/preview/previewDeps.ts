import type * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostic';
import { type ThemeSetting, isThemeSetting } from '../../protocol/preview';

/** What the preview needs from the rest of the extension, injected by `activate()`. */
export interface PreviewDeps {
  log: vscode.LogOutputChannel;
  isPayload(doc: vscode.TextDocument): boolean;
  check(doc: vscode.TextDocument): { diagnostics: Diagnostic[]; value: unknown };
}

export const previewViewType = 'convapiLine.preview';
export const openPreviewCommand = 'convapiLine.openPreviewToSide';
export const togglePreviewLockCommand = 'convapiLine.togglePreviewLock';

export function themeSettingOf(configuration: vscode.WorkspaceConfiguration): ThemeSetting {
  const value = configuration.get<unknown>('preview.theme', 'auto');
  return isThemeSetting(value) ? value : 'auto';
}
