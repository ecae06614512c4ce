import { modify, type Node } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostic';
import type { JsonDocument } from '../json/jsonDocument';
import { fromPointer } from '../json/pointer';
import { lineLimits } from '../line/limits';
import { lineLength, truncateToLimit } from '../line/textLength';
import { isObject, messageKinds } from '../payload/messageKinds';
import { formattingOf, stringify } from './formatting';
import { overflowAfter, showEnd, trimAtWordBoundary, trimWithEllipsis } from './shortenText';
import type { Fix, TextEdit } from './textEdit';

const trimmable = new Set([
  'card.title.too-long',
  'card.description.too-long',
  'choice.text.too-long',
  'text.too-long',
  'choice.postback.too-long',
  'button.label.long',
  'location.title.too-long',
  'location.label.too-long',
  'channel-property.too-long',
  'line.video-tracking-id.too-long',
]);

/** Prose a person reads: cut between words. Identifiers and data (postback, properties) are cut exactly. */
const prose = new Set([
  'card.title.too-long',
  'card.description.too-long',
  'choice.text.too-long',
  'text.too-long',
  'button.label.long',
  'location.title.too-long',
  'location.label.too-long',
]);

const messageContentKeys: ReadonlySet<string> = new Set([...messageKinds, 'explicit_channel_message', 'explicit_channel_omni_message', 'channel_specific_message']);

const tooManyButtons = new Set(['choice.too-many-buttons', 'card.too-many-buttons', 'carousel.card.too-many-buttons', 'carousel.too-many-choices']);

/** The obvious repairs for a diagnostic, as plain text edits. Empty when there is no safe, obvious fix. */
export function fixesFor(diagnostic: Diagnostic, document: JsonDocument): Fix[] {
  const { code } = diagnostic;
  if (trimmable.has(code)) return trimFix(diagnostic, document);
  if (code === 'media.http') return httpsFix(diagnostic, document);
  if (code === 'media.thumbnail-missing') return thumbnailFix(diagnostic, document);
  if (tooManyButtons.has(code)) return dropExtraItems(diagnostic, document, 'button');
  if (code === 'carousel.too-many-cards') return moveExtraCards(diagnostic, document);
  if (code === 'message.multiple-types') return splitMessageTypes(diagnostic, document);
  if (code === 'recipient.ambiguous') return removeProperty(document, '/recipient/identified_by', 'Keep contact_id, remove identified_by', code);
  return [];
}

/**
 * For prose, in the order a writer would pick them: cut at a word boundary, the same with "…", move the overflow of
 * a card title into its description when it fits there, and last the exact cut, which may split a word.
 */
function trimFix(d: Diagnostic, document: JsonDocument): Fix[] {
  const node = document.nodeAt(d.pointer);
  const limit = d.data?.limit;
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || typeof limit !== 'number') return [];
  const value = node.value;
  const replaceWith = (text: string) => ({ offset: node.offset, length: node.length, newText: JSON.stringify(text) });
  const fixes: Fix[] = [];
  const unit = d.data?.unit ?? 'utf16';
  const exact = truncateToLimit(value, limit, unit);
  const atWord = prose.has(d.code) ? trimAtWordBoundary(value, limit, unit) : undefined;
  if (prose.has(d.code)) {
    if (atWord !== undefined && atWord !== exact) {
      fixes.push({ title: `Trim at a word boundary: ${showEnd(atWord)}`, code: d.code, edits: [replaceWith(atWord)], isPreferred: false });
    }
    const withEllipsis = trimWithEllipsis(value, limit, unit);
    if (withEllipsis !== undefined) {
      fixes.push({ title: `Trim at a word boundary and end with “…”: ${showEnd(withEllipsis)}`, code: d.code, edits: [replaceWith(withEllipsis)], isPreferred: false });
    }
    if (d.code === 'card.title.too-long' && atWord !== undefined) fixes.push(...moveOverflowToDescription(d, document, atWord, replaceWith));
  }
  // The exact cut only differs from the word-boundary one by trailing spaces: nothing to choose between.
  if (atWord !== undefined && atWord !== exact && atWord === exact.trimEnd()) return fixes;
  const cutsWord = exact.length < value.length && /[\p{L}\p{N}]/u.test(value[exact.length - 1] ?? '') && /[\p{L}\p{N}]/u.test(value[exact.length] ?? '');
  fixes.push({
    title: `Trim to ${limit} characters${prose.has(d.code) && cutsWord ? ` exactly: ${showEnd(exact)}` : ''}`,
    code: d.code,
    edits: [replaceWith(exact)],
    isPreferred: false,
  });
  return fixes;
}

/** A card title's tail goes to the front of its description, when the description has room for it. */
function moveOverflowToDescription(d: Diagnostic, document: JsonDocument, head: string, replaceTitle: (text: string) => TextEdit): Fix[] {
  const cardPointer = d.pointer.replace(/\/title$/, '');
  const card = document.nodeAt(cardPointer);
  const title = document.nodeAt(d.pointer);
  if (!card || card.type !== 'object' || !title || typeof title.value !== 'string') return [];
  const overflow = overflowAfter(title.value, head);
  // Words move; a lone "!" would only clutter the description.
  if (!/[\p{L}\p{N}]/u.test(overflow)) return [];
  const descriptionNode = document.nodeAt(`${cardPointer}/description`);
  const description = descriptionNode?.type === 'string' && typeof descriptionNode.value === 'string' ? descriptionNode.value : undefined;
  if (descriptionNode && description === undefined) return [];
  const moved = description ? `${overflow} ${description}` : overflow;
  if (lineLength(moved, 'grapheme') > lineLimits.cardDescription) return [];
  // A missing description goes right after the title, indented like it: one edit, whatever the file's layout.
  const edits: TextEdit[] = descriptionNode
    ? [replaceTitle(head), { offset: descriptionNode.offset, length: descriptionNode.length, newText: JSON.stringify(moved) }]
    : [{ ...replaceTitle(head), newText: `${JSON.stringify(head)},${propertySeparator(document.text, title.parent?.offset ?? title.offset)}"description": ${JSON.stringify(moved)}` }];
  return [{
    title: `Move ${showEnd(overflow, 32)} into the description`,
    code: d.code,
    edits,
    isPreferred: false,
  }];
}

/** What goes between two properties where `at` starts one: a line break and its indentation, or a space. */
function propertySeparator(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = text.slice(lineStart, at);
  if (lineStart === 0 || /\S/.test(indent)) return ' ';
  return `${text[lineStart - 2] === '\r' ? '\r\n' : '\n'}${indent}`;
}

function httpsFix(d: Diagnostic, document: JsonDocument): Fix[] {
  const node = document.nodeAt(d.pointer);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return [];
  const raw = document.text.slice(node.offset, node.offset + node.length);
  const at = raw.search(/http:/i);
  if (at < 0) return [];
  return [{ title: 'Use https://', code: d.code, edits: [{ offset: node.offset + at, length: 5, newText: 'https:' }], isPreferred: true }];
}

function thumbnailFix(d: Diagnostic, document: JsonDocument): Fix[] {
  const ownerPointer = d.pointer.replace(/\/(url|thumbnail_url)$/, '');
  const owner = document.nodeAt(ownerPointer);
  if (!owner || owner.type !== 'object') return [];
  const edits = modify(document.text, [...fromPointer(ownerPointer), 'thumbnail_url'], '{{THUMBNAIL_URL}}', { formattingOptions: formattingOf(document.text) });
  return [{ title: 'Add a thumbnail_url placeholder', code: d.code, edits: edits.map(toTextEdit), isPreferred: false }];
}

/** Deletes the items past the limit in one span, so the kept items keep their formatting. */
function dropExtraItems(d: Diagnostic, document: JsonDocument, noun: string): Fix[] {
  const list = document.nodeAt(d.pointer);
  const limit = d.data?.limit;
  if (!list || list.type !== 'array' || typeof limit !== 'number') return [];
  const edit = deleteItemsFrom(list, limit);
  if (!edit) return [];
  const extra = (list.children?.length ?? 0) - limit;
  return [{ title: `Remove the last ${extra} ${noun}${extra === 1 ? '' : 's'} (keep ${limit})`, code: d.code, edits: [edit], isPreferred: false }];
}

function deleteItemsFrom(list: Node, keep: number): TextEdit | undefined {
  const items = list.children ?? [];
  if (items.length <= keep) return undefined;
  const last = items[items.length - 1]!;
  const end = last.offset + last.length;
  const start = keep === 0 ? list.offset + 1 : items[keep - 1]!.offset + items[keep - 1]!.length;
  return { offset: start, length: end - start, newText: '' };
}

function moveExtraCards(d: Diagnostic, document: JsonDocument): Fix[] {
  const list = document.nodeAt(d.pointer);
  const payload = document.value;
  if (!list || list.type !== 'array' || !isObject(payload) || !isObject(payload.message) || !isObject(payload.message.carousel_message)) return [];
  const carousel = payload.message.carousel_message;
  const cards = carousel.cards;
  if (!Array.isArray(cards) || cards.length <= lineLimits.carouselCards) return [];
  const edit = deleteItemsFrom(list, lineLimits.carouselCards);
  if (!edit) return [];
  const formatting = formattingOf(document.text);
  const newFiles = [];
  for (let start = lineLimits.carouselCards, part = 2; start < cards.length; start += lineLimits.carouselCards, part++) {
    const rest = { ...payload, message: { ...payload.message, carousel_message: { ...carousel, cards: cards.slice(start, start + lineLimits.carouselCards) } } };
    newFiles.push({ nameSuffix: `part${part}`, content: stringify(rest, formatting) + formatting.eol });
  }
  const moved = cards.length - lineLimits.carouselCards;
  return [{
    title: `Move the last ${moved} card${moved === 1 ? '' : 's'} into ${newFiles.length === 1 ? 'a new payload file' : `${newFiles.length} new payload files`}`,
    code: d.code,
    edits: [edit],
    isPreferred: false,
    newFiles,
  }];
}

function splitMessageTypes(d: Diagnostic, document: JsonDocument): Fix[] {
  const kind = fromPointer(d.pointer).pop();
  const payload = document.value;
  if (!kind || !isObject(payload) || !isObject(payload.message)) return [];
  const remove = removeProperty(document, d.pointer, `Remove ${kind}`, d.code);
  const { [kind]: moved, ...others } = payload.message;
  // The new file carries the moved type alone: other content (other types, channel-specific and explicit channel
  // messages, which would replace it on LINE) stays in the original; the rest of the message (agent…) goes along.
  const keep = Object.fromEntries(Object.entries(others).filter(([k]) => !messageContentKeys.has(k)));
  const formatting = formattingOf(document.text);
  const content = stringify({ ...payload, message: { ...keep, [kind]: moved } }, formatting) + formatting.eol;
  const move = remove.map((f) => ({ ...f, title: `Move ${kind} into a new payload file`, newFiles: [{ nameSuffix: kind.replace(/_message$/, ''), content }] }));
  return [...move, ...remove];
}

function removeProperty(document: JsonDocument, pointer: string, title: string, code: string): Fix[] {
  if (!document.nodeAt(pointer)) return [];
  const edits = modify(document.text, fromPointer(pointer), undefined, { formattingOptions: formattingOf(document.text) });
  return edits.length ? [{ title, code, edits: edits.map(toTextEdit), isPreferred: false }] : [];
}

function toTextEdit(e: { offset: number; length: number; content: string }): TextEdit {
  return { offset: e.offset, length: e.length, newText: e.content };
}
