import { lineAudioExtensions, lineImageExtensions, lineVideoExtensions, mediaFormatOf } from '../payload/mediaFormat';

export type ServedKind = 'image' | 'video' | 'audio' | 'other';

/** How a content type (or, failing that, the URL or the bytes) classifies the file, and whether LINE takes it. */
export interface KindVerdict {
  kind: ServedKind;
  accepted: boolean;
  /** Where the verdict comes from, for messages. */
  source: 'content-type' | 'bytes' | 'extension';
  /** The content type, extension or detected format, as shown to the user. */
  label: string;
}

const acceptedTypes: Record<string, ServedKind> = {
  'image/jpeg': 'image',
  'image/jpg': 'image',
  'image/pjpeg': 'image',
  'image/png': 'image',
  'video/mp4': 'video',
  // m4a is AAC in an MPEG-4 container; servers label it in all these ways.
  'audio/mp4': 'audio',
  'audio/m4a': 'audio',
  'audio/x-m4a': 'audio',
  'audio/mp4a-latm': 'audio',
};

// Types that say "some bytes" rather than what the file is: the URL and the bytes decide instead.
const genericTypes = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary', 'application/x-download', 'application/force-download', 'application/unknown']);

export function isGenericContentType(contentType: string | undefined): boolean {
  return genericTypes.has(contentType ?? '');
}

/** The kind a specific content type names; undefined for a generic one. */
export function kindOfContentType(contentType: string | undefined): KindVerdict | undefined {
  if (isGenericContentType(contentType)) return undefined;
  const type = contentType!;
  const accepted = acceptedTypes[type];
  if (accepted) return { kind: accepted, accepted: true, source: 'content-type', label: type };
  const top = type.split('/')[0];
  const kind: ServedKind = top === 'image' || top === 'video' || top === 'audio' ? top : 'other';
  return { kind, accepted: false, source: 'content-type', label: type };
}

/** The kind the URL's extension names; undefined when the extension says nothing. */
export function kindOfExtension(url: string): KindVerdict | undefined {
  const { extension, category } = mediaFormatOf(url);
  if (lineImageExtensions.has(extension)) return { kind: 'image', accepted: true, source: 'extension', label: `.${extension}` };
  if (lineVideoExtensions.has(extension)) return { kind: 'video', accepted: true, source: 'extension', label: `.${extension}` };
  if (lineAudioExtensions.has(extension)) return { kind: 'audio', accepted: true, source: 'extension', label: `.${extension}` };
  if (category === 'unknown') return undefined;
  return { kind: category === 'image' || category === 'video' || category === 'audio' ? category : 'other', accepted: false, source: 'extension', label: `.${extension}` };
}

/** The kind image-size detected in the first bytes (`png`, `jpg`, `gif`…). */
export function kindOfImageBytes(type: string | undefined): KindVerdict | undefined {
  if (!type) return undefined;
  return { kind: 'image', accepted: type === 'png' || type === 'jpg', source: 'bytes', label: type === 'jpg' ? 'JPEG' : type.toUpperCase() };
}

/** The content type as a bare lower-case MIME type: `Image/PNG; charset=x` → `image/png`. */
export function normalizeContentType(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === '' ? undefined : type;
}
