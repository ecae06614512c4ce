import { actionContexts, checkAction } from './actionRules';
import { type InnerFinding, type InnerRule, entries, isRecord, messagesOf } from './innerRule';

/**
 * Flex Message structure that LINE's reference states and its OpenAPI file does not: a hero is a box, an image or
 * a video; a video only as a hero; spans only inside a text; a text has `text` or `contents`; a button's action
 * has a label (at most 40).
 */
export const flexRules: InnerRule = (body, report) => {
  for (const { message, at } of messagesOf(body)) {
    if (message.type !== 'flex' || !isRecord(message.contents)) continue;
    const contents = message.contents;
    const cat = `${at}/contents`;
    if (contents.type === 'bubble') checkBubble(contents, cat, report);
    else if (contents.type === 'carousel') for (const { item, at: bat } of entries(contents.contents, `${cat}/contents`)) checkBubble(item, bat, report);
  }
};

function checkBubble(bubble: Record<string, unknown>, at: string, report: (f: InnerFinding) => void): void {
  if (bubble.action !== undefined) checkAction(bubble.action, `${at}/action`, actionContexts.flexComponent, report);
  for (const block of ['header', 'hero', 'body', 'footer'] as const) {
    const component = bubble[block];
    if (!isRecord(component)) continue;
    const bat = `${at}/${block}`;
    if (block === 'hero' && typeof component.type === 'string' && !['box', 'image', 'video'].includes(component.type)) {
      report({ code: 'explicit.line.flex.hero-type', severity: 'error', pointer: `${bat}/type`, message: `A bubble's hero is a box, an image or a video, not a ${component.type}.` });
      continue;
    }
    checkComponent(component, bat, block === 'hero', report);
  }
}

function checkComponent(component: Record<string, unknown>, at: string, isHero: boolean, report: (f: InnerFinding) => void, depth = 0): void {
  if (depth > 100) return; // a pathological nesting: the schema still checks each level
  switch (component.type) {
    case 'box':
      for (const { item, at: iat } of entries(component.contents, `${at}/contents`)) {
        if (item.type === 'span') {
          report({ code: 'explicit.line.flex.span-placement', severity: 'error', pointer: `${iat}/type`, message: 'A span goes inside a text\'s "contents", not directly in a box.' });
          continue;
        }
        checkComponent(item, iat, false, report, depth + 1);
      }
      break;
    case 'button':
      checkAction(component.action, `${at}/action`, actionContexts.flexButton, report);
      return;
    case 'video':
      if (!isHero) report({ code: 'explicit.line.flex.video-placement', severity: 'error', pointer: `${at}/type`, message: "A Flex video can only be a bubble's hero." });
      if (isRecord(component.altContent)) checkComponent(component.altContent, `${at}/altContent`, false, report, depth + 1);
      break;
    case 'text':
      if (component.text === undefined && !(Array.isArray(component.contents) && component.contents.length > 0)) {
        report({ code: 'explicit.line.flex.text-empty', severity: 'error', pointer: at, message: 'A Flex text needs "text" or spans in "contents".' });
      }
      break;
  }
  if (component.action !== undefined) checkAction(component.action, `${at}/action`, actionContexts.flexComponent, report);
}
