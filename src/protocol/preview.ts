// The messages between the extension host and the LINE preview webview. Both sides import this file; it holds no
// vscode and no DOM types, so the webview bundle, the extension and plain-node tests can all use it.
import type { Diagnostic } from '../core/diagnostic';

export type ThemeSetting = 'auto' | 'light' | 'dark';
export type ChatTheme = 'light' | 'dark';

/** Everything the webview needs to draw one version of a payload document. */
export interface PreviewModel {
  /** The document's URI as a string: the webview keeps it in its state so the serializer can reopen it. */
  uri: string;
  /** The document version the model was computed from; the webview ignores a model older than the one it shows. */
  version: number;
  /** The parsed payload, `undefined` when the text does not parse. */
  payload: unknown;
  diagnostics: Diagnostic[];
}

export namespace ToPreview {
  /** A new model to draw in place, without reloading the page. */
  export interface Update {
    type: 'update';
    model: PreviewModel;
  }
  /** The `convapiLine.preview.theme` setting changed. */
  export interface Settings {
    type: 'settings';
    theme: ThemeSetting;
  }
  /** The preview was locked to its document, or follows the active editor again. */
  export interface Lock {
    type: 'lock';
    locked: boolean;
  }
}
export type ToPreviewMessage = ToPreview.Update | ToPreview.Settings | ToPreview.Lock;

export namespace FromPreview {
  /** The script is running and listening: the host answers with the current model. */
  export interface Ready {
    type: 'ready';
  }
  /** Show the payload part behind a clicked element in the editor. */
  export interface Reveal {
    type: 'reveal';
    pointer: string;
  }
  /** The user picked "locked to this file" or "follow the active editor" in the toolbar. */
  export interface Lock {
    type: 'lock';
    locked: boolean;
  }
}
export type FromPreviewMessage = FromPreview.Ready | FromPreview.Reveal | FromPreview.Lock;

/** What the webview keeps through `setState`, and what the panel serializer gets back after a reload. */
export interface PreviewState {
  uri: string;
  /** The chat theme picked in the toolbar; absent means "as the setting says". */
  theme?: ThemeSetting;
  /** Locked to `uri` rather than following the active editor; absent means following. */
  locked?: boolean;
}

/** The data the host writes into the page's `data-initial` attribute. */
export interface InitialPreviewData {
  model: PreviewModel | undefined;
  theme: ThemeSetting;
  /** Whether payload media may load (`convapiLine.media.remoteChecks`); absent means yes. */
  remoteMedia?: boolean;
  locked?: boolean;
}

/** Messages from the webview are checked before use: a webview is a web page, not a trusted peer. */
export function isFromPreviewMessage(value: unknown): value is FromPreviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; pointer?: unknown; locked?: unknown };
  if (message.type === 'ready') return true;
  if (message.type === 'lock') return typeof message.locked === 'boolean';
  return message.type === 'reveal' && typeof message.pointer === 'string' && (message.pointer === '' || message.pointer.startsWith('/'));
}

export function isToPreviewMessage(value: unknown): value is ToPreviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; model?: unknown; theme?: unknown; locked?: unknown };
  if (message.type === 'settings') return isThemeSetting(message.theme);
  if (message.type === 'lock') return typeof message.locked === 'boolean';
  if (message.type !== 'update' || typeof message.model !== 'object' || message.model === null) return false;
  const model = message.model as Partial<PreviewModel>;
  return typeof model.uri === 'string' && typeof model.version === 'number' && Array.isArray(model.diagnostics);
}

export function isThemeSetting(value: unknown): value is ThemeSetting {
  return value === 'auto' || value === 'light' || value === 'dark';
}

export function isPreviewState(value: unknown): value is PreviewState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as { uri?: unknown; theme?: unknown; locked?: unknown };
  return typeof state.uri === 'string' && (state.theme === undefined || isThemeSetting(state.theme)) && (state.locked === undefined || typeof state.locked === 'boolean');
}
