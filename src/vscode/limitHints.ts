import * as vscode from 'vscode';
import { describeUsage, isNearLimit, limitUsageAt, limitUsages } from '../core/line/limitInfo';
import type { Settings } from '../core/settings';
import type { DiagnosticsManager } from './diagnostics';

/** Counts where they help: "Card title: 23/40 characters" on hover, and "23/40" beside strings near their limit. */
export class LimitHints implements vscode.HoverProvider, vscode.InlayHintsProvider {
  readonly #onDidChangeInlayHints = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.#onDidChangeInlayHints.event;

  constructor(private readonly diagnostics: DiagnosticsManager, private settings: Settings) {}

  update(settings: Settings): void {
    this.settings = settings;
    this.#onDidChangeInlayHints.fire();
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.diagnostics.resultFor(document);
    if (!result) return undefined;
    const usage = limitUsageAt(limitUsages(result.document, result.anatomy), document.offsetAt(position));
    if (!usage) return undefined;
    const over = usage.used > usage.limit ? ` — **${usage.used - usage.limit} over**` : '';
    const markdown = new vscode.MarkdownString(
      `**${describeUsage(usage)}**${over}\n\nCounted in UTF-16 code units (an emoji outside the basic plane counts as 2): LINE's reference does not define "character", and integrators report that LINE counts this way.`,
    );
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(usage.offset), document.positionAt(usage.offset + usage.length)));
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.settings.inlayHints) return [];
    const result = this.diagnostics.resultFor(document);
    if (!result) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return limitUsages(result.document, result.anatomy)
      .filter((u) => isNearLimit(u) && u.offset + u.length >= start && u.offset <= end)
      .map((u) => {
        const hint = new vscode.InlayHint(document.positionAt(u.offset + u.length), `${u.used}/${u.limit}`, vscode.InlayHintKind.Parameter);
        hint.paddingLeft = true;
        hint.tooltip = describeUsage(u);
        return hint;
      });
  }

  dispose(): void {
    this.#onDidChangeInlayHints.dispose();
  }
}
