import type { JsonDocument } from '../json/jsonDocument';
import type { PayloadAnatomy } from '../payload/anatomy';
import { type LimitedString, limitedStrings } from './limits';
import { lineLength } from './textLength';

export interface LimitUsage extends LimitedString {
  used: number;
  /** Span of the string literal in the text. */
  offset: number;
  length: number;
}

/** Every limited string with its count and place, for hovers ("Card title: 23/40") and inlay hints. */
export function limitUsages(document: JsonDocument, anatomy: PayloadAnatomy): LimitUsage[] {
  const usages: LimitUsage[] = [];
  for (const s of limitedStrings(document.value, anatomy)) {
    const node = document.nodeAt(s.pointer);
    if (!node || node.type !== 'string') continue;
    usages.push({ ...s, used: lineLength(s.value, s.unit), offset: node.offset, length: node.length });
  }
  return usages;
}

export function limitUsageAt(usages: readonly LimitUsage[], offset: number): LimitUsage | undefined {
  return usages.find((u) => offset >= u.offset && offset <= u.offset + u.length);
}

/** Close enough to the limit to be worth a glance: 80% of it, or over. */
export function isNearLimit(usage: LimitUsage): boolean {
  return usage.used >= Math.ceil(usage.limit * 0.8);
}

export function describeUsage(usage: LimitUsage): string {
  return `${usage.label}: ${usage.used}/${usage.limit} characters`;
}
