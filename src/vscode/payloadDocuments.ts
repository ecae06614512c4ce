import * as vscode from 'vscode';
import type { Settings } from '../core/settings';

import { payloadFileGlobs } from '../core/payloadFiles';

/**
 * Every JSON document on disk or untitled. Providers register for all of them and answer only for payloads, so that
 * changing the payload globs needs no re-registration.
 */
export const jsonDocuments: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
];

/** The globs our schema is contributed for: VS Code's JSON service validates these files itself. */
const contributedPatterns: readonly string[] = payloadFileGlobs;

/** Decides which documents are payloads, from the built-in patterns and the user's extra globs. */
export class PayloadDocuments {
  #extra: vscode.DocumentFilter[] = [];

  constructor(settings: Settings) {
    this.update(settings);
  }

  update(settings: Settings): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.#extra = settings.payloadFiles.flatMap((glob): vscode.DocumentFilter[] =>
      folders.length ? folders.map((f) => ({ pattern: new vscode.RelativePattern(f, glob) })) : [{ pattern: glob }],
    );
  }

  get selector(): vscode.DocumentSelector {
    return [...contributedPatterns.map((pattern) => ({ language: 'json', pattern })), ...this.#extra.map((f) => ({ ...f, language: 'json' }))];
  }

  isPayload(document: vscode.TextDocument): boolean {
    return vscode.languages.match(this.selector, document) > 0;
  }

  /** Whether VS Code's JSON service already reports schema errors for the document (no duplicates from us). */
  isSchemaValidatedByJsonService(document: vscode.TextDocument): boolean {
    // json.validate.enable is a window-scoped setting: asking it for a resource only earns a warning in the log.
    if (vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true) === false) return false;
    return vscode.languages.match(contributedPatterns.map((pattern) => ({ language: 'json', pattern })), document) > 0;
  }

  /** What the file watcher watches: the built-in globs everywhere, the user's relative to each folder. */
  get watchPatterns(): vscode.GlobPattern[] {
    return [...contributedPatterns, ...this.#extra.map((f) => f.pattern!)];
  }

  /** Globs for workspace.findFiles, built-in ones first. */
  get searchGlobs(): string[] {
    return [...contributedPatterns, ...this.#extra.map((f) => (typeof f.pattern === 'string' ? f.pattern : f.pattern!.pattern))];
  }
}
