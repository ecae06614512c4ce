import * as vscode from 'vscode';
import { describeUsage, isNearLimit, limitUsageAt, limitUsages } from '../core/line/limitInfo';
import type { Settings } from '../core/settings';
import type { DiagnosticsManager } from './diagnostics';
import type { RuleLinks } from './ruleLinks';

/** Counts where they help: "Card title: 23/40 characters" on hover, and "23/40" beside strings near their limit. */
export class LimitHints implements vscode.HoverProvider, vscode.InlayHintsProvider {
  readonly #onDidChangeInlayHints = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.#onDidChangeInlayHints.event;

  constructor(private readonly diagnostics: DiagnosticsManager, private settings: Settings, private readonly rules?: RuleLinks) {}

  update(settings: Settings): void {
    this.settings = settings;
    this.#onDidChangeInlayHints.fire();
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.diagnostics.resultFor(document);
    if (!result) return undefined;
    const usage = limitUsageAt(limitUsages(result.document, result.anatomy), document.offsetAt(position));
    if (!usage) return undefined;
    // One line: the count, the finding when there is one, and the rule behind the limit. The Problems hover above
    // it already says the diagnostic's message.
    const over = usage.used - usage.limit;
    const reported = result.diagnostics.find((d) => d.pointer === usage.pointer && d.code === usage.code);
    const verdict = reported?.severity === 'error' ? 'LINE refuses it' : reported ? 'LINE may cut it' : 'within the limit once its placeholders are filled in';
    const finding = over > 0 ? `, ${over} over: ${verdict}` : '';
    const code = this.rules ? `[${usage.code}](${this.rules.targetFor(usage.code).toString()})` : `\`${usage.code}\``;
    const markdown = new vscode.MarkdownString(`**${describeUsage(usage)}**${finding} · ${code}`);
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
