import { escapeHtml } from './escape';
import { actionIcon } from './icons';
import type { ButtonView, TemplateView, TextPart } from './lineView';
import { limitedText, pointerAttribute, problemAttribute, problemNotes } from './marks';
import { mediaBox } from './mediaBox';
import type { ProblemBoard } from './problemBoard';

const actionNames = { postback: 'Reply', url: 'Opens a URL', call: 'Calls', location: 'Opens a map', unsupported: 'Not a LINE action' } as const;

/**
 * LINE's buttons template: image on top in its aspect-ratio box, bold title, text, then the buttons stacked
 * full width (a confirm template puts its two side by side). `asCard` marks it as a card (`data-part="card"`) that
 * carries its own problems, returned as `notes` for the caller to place under it; otherwise the bubble does.
 */
export function templateHtml(t: TemplateView, board: ProblemBoard, asCard: boolean): { html: string; notes: string } {
  const own = asCard ? board.take(t) : [];
  const cardAttributes = asCard ? ` data-part="card"${pointerAttribute(t)}${problemAttribute(own)}` : '';
  let html = `<div class="lp-template"${cardAttributes}>`;
  if (t.image) {
    const problems = board.take(t.image);
    html += mediaBox({
      url: t.image.url,
      shape: t.image.aspect,
      fit: t.image.fit,
      label: t.image.aspect === 'square' ? 'Image 1:1' : 'Image 1.51:1',
      attributes: ` data-part="image" data-aspect="${t.image.aspect}"${pointerAttribute(t.image)}${problemAttribute(problems)}`,
    });
    html += problemNotes(problems);
  }
  if (t.title || t.text) {
    html += `<div class="lp-template-body">`;
    if (t.title) html += textPart('title', 'lp-title', t.title, board);
    if (t.text) html += textPart('description', 'lp-text', t.text, board);
    html += `</div>`;
  }
  html += buttonsHtml(t, board);
  html += `</div>`;
  return { html, notes: problemNotes(own) };
}

function textPart(part: 'title' | 'description', cls: string, text: TextPart, board: ProblemBoard): string {
  const problems = board.take(text);
  return (
    `<div class="${cls}" data-part="${part}"${pointerAttribute(text)}${problemAttribute(problems)}>${limitedText(text, board)}</div>` +
    problemNotes(problems)
  );
}

function buttonsHtml(t: TemplateView, board: ProblemBoard): string {
  if (t.buttons.length === 0) return '';
  const limit = t.buttonsPointer === undefined ? undefined : board.limitAt({ pointer: t.buttonsPointer });
  let html = `<div class="lp-buttons lp-buttons-${t.buttonLayout}">`;
  t.buttons.forEach((button, i) => {
    if (limit !== undefined && i === limit) {
      html += `<div class="lp-limit-line">LINE shows at most ${limit} button${limit === 1 ? '' : 's'}; these would be refused</div>`;
    }
    html += buttonHtml(button, board, limit !== undefined && i >= limit);
  });
  return html + `</div>`;
}

export function buttonHtml(b: ButtonView, board: ProblemBoard, beyondLimit = false, extraClass = ''): string {
  const problems = board.take(b);
  const label = b.label && b.label.value !== '' ? limitedText(b.label, board) : `<span class="lp-missing">(no label)</span>`;
  const tooltip = `${actionNames[b.action]}${b.target ? `: ${b.target}` : ''}`;
  const beyond = beyondLimit ? ' data-beyond-limit="true"' : '';
  return (
    `<div class="lp-button${extraClass}" data-part="button" data-action="${b.action}"${pointerAttribute(b)}${problemAttribute(problems)}${beyond} title="${escapeHtml(tooltip)}">` +
    `<span class="lp-button-label">${label}</span>${actionIcon(b.action)}</div>` +
    problemNotes(problems)
  );
}
