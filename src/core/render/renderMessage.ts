import type { Diagnostic } from '../diagnostic';
import { bubbleHtml } from './bubbleHtml';
import { escapeHtml } from './escape';
import { lineViewOf } from './fromConversation';
import { icons } from './icons';
import { isBubble } from './lineView';
import { problemNote } from './marks';
import { ProblemBoard } from './problemBoard';

export type PreviewTheme = 'light' | 'dark';

export interface RenderInput {
  /** The parsed payload (`messages:send` body); any value is accepted. */
  payload: unknown;
  /** The core's diagnostics for that payload: each is shown on the part it points at, or beside the chat. */
  diagnostics: readonly Diagnostic[];
}

export interface RenderOptions {
  theme: PreviewTheme;
}

const accountName = 'Official Account';
// LINE prints a time beside each message; a fixed one keeps the output identical for identical input.
const shownTime = '10:24';

/**
 * The message as LINE draws it: a phone-width LINE chat with the bot's bubbles, plus the problems that have no
 * part in the chat. The output is an HTML fragment without scripts or style attributes (a webview's CSP forbids
 * them); every payload string in it is escaped. Styles: `chatStyles`.
 */
export function renderMessage(input: RenderInput, options: RenderOptions): string {
  const view = lineViewOf(input.payload);
  const board = new ProblemBoard(input.diagnostics, view);

  let rows = `<div class="lp-system">Today</div>`;
  if (view.empty) rows += `<div class="lp-system lp-empty" data-part="empty">${escapeHtml(view.empty)}</div>`;
  let first = true;
  for (const item of view.items) {
    if (!isBubble(item)) {
      rows += `<div class="lp-system">${escapeHtml(item.text)}</div>`;
      continue;
    }
    const bubble = bubbleHtml(item, board);
    const avatar = first ? `<div class="lp-avatar">${icons.bot}</div>` : `<div class="lp-avatar-gap"></div>`;
    const name = first ? `<div class="lp-name">${accountName}</div>` : '';
    const time = bubble.timed ? `<span class="lp-time">${shownTime}</span>` : '';
    rows += `<div class="lp-row${bubble.wide ? ' lp-row-wide' : ''}">${avatar}<div class="lp-row-body">${name}<div class="lp-row-line">${bubble.html}${time}</div>${bubble.below}</div></div>`;
    first = false;
  }

  return (
    `<div class="lp-root" data-theme="${options.theme}">` +
    summaryHtml(input.diagnostics) +
    outsideHtml(board.remaining()) +
    `<div class="lp-phone">${headerHtml()}<div class="lp-chat">${rows}</div>${inputBarHtml()}</div>` +
    `</div>`
  );
}

function summaryHtml(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const [status, text] = errors > 0
    ? ['error', `LINE would refuse this message: ${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}`]
    : warnings > 0
      ? ['warning', `LINE takes this message, with ${count(warnings, 'warning')}`]
      : ['ok', 'No LINE problems found'];
  return `<div class="lp-summary" data-part="summary" data-status="${status}">${escapeHtml(text)}</div>`;
}

function outsideHtml(remaining: readonly Diagnostic[]): string {
  if (remaining.length === 0) return '';
  return `<div class="lp-outside" data-part="outside"><div class="lp-outside-title">Not shown in the chat</div>${remaining.map(problemNote).join('')}</div>`;
}

function headerHtml(): string {
  return `<div class="lp-header">${icons.back}<span class="lp-header-title">${accountName}</span>${icons.menu}</div>`;
}

function inputBarHtml(): string {
  return `<div class="lp-inputbar">${icons.plus}<span class="lp-input">Aa</span></div>`;
}
