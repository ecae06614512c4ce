import { hasPlaceholder } from '../payload/placeholders';

export type SkipReason = 'placeholder' | 'not-https' | 'invalid-url';

/**
 * Why a URL is not fetched; undefined when it is. The static rules already report the bad ones. Its own module so
 * the extension can ask without loading the media checker (and undici) before the first check.
 */
export function skipReason(url: string): SkipReason | undefined {
  if (hasPlaceholder(url)) return 'placeholder';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid-url';
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' ? undefined : 'not-https';
}
