import { placeholderSpans } from '../payload/placeholders';

/**
 * LINE's limits are counted here in UTF-16 code units (JavaScript's `length`): LINE's reference does not define
 * "character", and LINE channel integrators report that an emoji outside the BMP counts as more than one.
 */
export function lineLength(value: string): number {
  return value.length;
}

/**
 * The longest prefix within the limit that splits neither a surrogate pair nor a `{{placeholder}}`: half a
 * placeholder would be sent to the user as literal text.
 */
export function truncateToLimit(value: string, limit: number): string {
  if (value.length <= limit) return value;
  let end = limit;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  for (const [start, stop] of placeholderSpans(value)) {
    if (start < end && end < stop) end = start;
  }
  return value.slice(0, end);
}
