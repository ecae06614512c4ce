import { fromPointer } from '../../json/pointer';
import { isRecord } from './innerRule';

/** LINE's action types: every one's `label` is counted in grapheme clusters. */
const actionTypes = new Set(['message', 'postback', 'uri', 'datetimepicker', 'camera', 'cameraRoll', 'location', 'richmenuswitch', 'clipboard']);

/** Besides `label`, the properties LINE counts in grapheme clusters, by the type of the object holding them. */
const byType: Record<string, ReadonlySet<string>> = {
  postback: new Set(['displayText', 'fillInText', 'text']),
  message: new Set(['text']),
  buttons: new Set(['title', 'text']),
  confirm: new Set(['text']),
  carousel: new Set(),
};

/**
 * The string at `pointer` (inside the LINE body `root`) when LINE counts it in grapheme clusters rather than UTF-16
 * code units (https://developers.line.biz/en/docs/messaging-api/text-character-count/): actions' labels and texts,
 * the buttons, confirm and carousel templates' titles and texts; undefined otherwise. The schema's maxLength counts
 * UTF-16 code units, so its findings on these properties are judged again by this count.
 */
export function graphemeCountedString(root: unknown, pointer: string): string | undefined {
  const path = fromPointer(pointer);
  const key = path[path.length - 1];
  if (key === undefined) return undefined;
  const holders: unknown[] = [root];
  for (const segment of path.slice(0, -1)) {
    const current = holders[holders.length - 1];
    const next = Array.isArray(current) ? current[Number(segment)] : isRecord(current) ? current[segment] : undefined;
    if (next === undefined) return undefined;
    holders.push(next);
  }
  const holder = holders[holders.length - 1];
  if (!isRecord(holder) || typeof holder[key] !== 'string') return undefined;
  return isCounted(holder, key, path, holders) ? holder[key] : undefined;
}

function isCounted(holder: Record<string, unknown>, key: string, path: readonly string[], holders: readonly unknown[]): boolean {
  // An imagemap's actions are imagemap action objects, which LINE's list leaves out: counted in UTF-16 code units.
  const message = holders[holders.length - 3];
  if (path[path.length - 3] === 'actions' && isRecord(message) && message.type === 'imagemap') return false;
  const type = typeof holder.type === 'string' ? holder.type : undefined;
  if (key === 'label' && type !== undefined && actionTypes.has(type)) return true;
  if (type !== undefined && byType[type]?.has(key)) return true;
  // A carousel template's column has no type of its own: …/template/columns/N/{title,text}.
  const template = holders[holders.length - 3];
  return (key === 'title' || key === 'text') && path[path.length - 3] === 'columns' && isRecord(template) && template.type === 'carousel';
}
