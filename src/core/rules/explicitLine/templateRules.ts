import { lineLength } from '../../line/textLength';
import { hasPlaceholder, withoutPlaceholders } from '../../payload/placeholders';
import { actionContexts, checkAction } from './actionRules';
import { type InnerFinding, type InnerRule, entries, isRecord, messagesOf } from './innerRule';

/**
 * LINE's template messages written in LINE's own JSON get the rules the Conversation API's card and carousel
 * messages get (which it turns into these same templates): text at most 60 with an image or a title, alike
 * carousel columns, labelled buttons, the action types a template takes.
 */
export const templateRules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (message.type !== 'template' || !isRecord(message.template)) continue;
    const template = message.template;
    const tat = `${at}/template`;
    switch (template.type) {
      case 'buttons':
        checkText(template, tat, 'buttons template', 160, report);
        for (const { item, at: aat } of entries(template.actions, `${tat}/actions`)) checkAction(item, aat, actionContexts.template, report);
        if (template.defaultAction !== undefined) checkAction(template.defaultAction, `${tat}/defaultAction`, actionContexts.templateDefault, report);
        break;
      case 'confirm':
        for (const { item, at: aat } of entries(template.actions, `${tat}/actions`)) checkAction(item, aat, actionContexts.template, report);
        break;
      case 'carousel':
        checkCarousel(template, tat, report);
        break;
      case 'image_carousel':
        for (const { item, at: cat } of entries(template.columns, `${tat}/columns`)) checkAction(item.action, `${cat}/action`, actionContexts.imageCarousel, report);
        break;
    }
  }
};

/** LINE: text max 160 (a column: 120) without image or title, max 60 with either. */
function checkText(holder: Record<string, unknown>, at: string, what: string, plainLimit: number, report: (f: InnerFinding) => void): void {
  const text = holder.text;
  if (typeof text !== 'string') return;
  const hasImage = typeof holder.thumbnailImageUrl === 'string';
  const hasTitle = typeof holder.title === 'string';
  if (!hasImage && !hasTitle) return; // the schema enforces the plain limit
  const limit = 60;
  // LINE counts template texts in grapheme clusters: an emoji is one.
  const length = text.length <= limit ? text.length : lineLength(text, 'grapheme');
  if (length <= limit) return;
  const estimated = hasPlaceholder(text) && lineLength(withoutPlaceholders(text), 'grapheme') <= limit;
  const reason = hasImage && hasTitle ? 'an image and a title' : hasImage ? 'an image' : 'a title';
  report({
    code: 'explicit.line.template.text-too-long',
    severity: estimated ? 'warning' : 'error',
    pointer: `${at}/text`,
    message: `The ${what} text is ${length} characters${estimated ? ' (with placeholders as written)' : ''}; with ${reason} LINE allows at most ${limit} (${plainLimit} without).`,
    data: { limit, actual: length, unit: 'grapheme' },
  });
}

function checkCarousel(template: Record<string, unknown>, at: string, report: (f: InnerFinding) => void): void {
  const columns = [...entries(template.columns, `${at}/columns`)];
  for (const { item, at: cat } of columns) {
    checkText(item, cat, 'carousel column', 120, report);
    for (const { item: action, at: aat } of entries(item.actions, `${cat}/actions`)) checkAction(action, aat, actionContexts.template, report);
    if (item.defaultAction !== undefined) checkAction(item.defaultAction, `${cat}/defaultAction`, actionContexts.templateDefault, report);
  }
  // LINE refuses a carousel whose columns differ: same number of actions, all or none with an image, with a title.
  const first = columns[0];
  if (!first) return;
  const actionCount = (c: Record<string, unknown>) => (Array.isArray(c.actions) ? c.actions.length : 0);
  for (const { item, at: cat, index } of columns.slice(1)) {
    if (actionCount(item) !== actionCount(first.item)) {
      report({
        code: 'explicit.line.carousel.uneven-actions',
        severity: 'error',
        pointer: `${cat}/actions`,
        message: `Carousel column ${index + 1} has ${actionCount(item)} actions, column 1 has ${actionCount(first.item)}: LINE needs the same number in every column.`,
      });
    }
    for (const [key, what, code] of [['thumbnailImageUrl', 'an image', 'explicit.line.carousel.uneven-image'], ['title', 'a title', 'explicit.line.carousel.uneven-title']] as const) {
      const has = (c: Record<string, unknown>) => c[key] !== undefined;
      if (has(item) !== has(first.item)) {
        report({
          code,
          severity: 'error',
          pointer: cat,
          message: `Carousel column ${index + 1} ${has(item) ? 'has' : 'lacks'} ${what} while column 1 ${has(first.item) ? 'has' : 'lacks'} one: LINE needs every column to have it, or none.`,
        });
      }
    }
  }
}
