/**
 * LINE's limits are counted here in UTF-16 code units (JavaScript's `length`): LINE's reference does not define
 * "character", and LINE channel integrators report that an emoji outside the BMP counts as more than one.
 */
export function lineLength(value: string): number {
  return value.length;
}

/** The longest prefix within the limit that does not split a surrogate pair. */
export function truncateToLimit(value: string, limit: number): string {
  if (value.length <= limit) return value;
  let end = limit;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end);
}
