/** What a URL's path says about the file behind it; the server may still disagree (see media pre-flight). */
export type MediaCategory = 'image' | 'video' | 'audio' | 'other' | 'unknown';

const categories: Record<string, MediaCategory> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  svg: 'image',
  heic: 'image',
  tif: 'image',
  tiff: 'image',
  mp4: 'video',
  mov: 'video',
  m4v: 'video',
  webm: 'video',
  avi: 'video',
  mkv: 'video',
  '3gp': 'video',
  m4a: 'audio',
  mp3: 'audio',
  aac: 'audio',
  wav: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
  flac: 'audio',
  amr: 'audio',
  pdf: 'other',
  txt: 'other',
  html: 'other',
  zip: 'other',
};

/** The formats LINE accepts, per the Sinch LINE channel page. */
export const lineImageExtensions: ReadonlySet<string> = new Set(['jpg', 'jpeg', 'png']);
export const lineVideoExtensions: ReadonlySet<string> = new Set(['mp4']);
export const lineAudioExtensions: ReadonlySet<string> = new Set(['m4a']);

export interface MediaFormat {
  /** Lower-case extension of the URL's last path segment, without the dot; '' when there is none. */
  extension: string;
  category: MediaCategory;
  scheme: string;
}

/** Formats of the URLs seen lately: the editor checks the same URLs on every keystroke, and URL parsing is costly. */
const recentFormats = new Map<string, MediaFormat>();

/** Judges the format from the URL path only: query, fragment and case do not matter. */
export function mediaFormatOf(url: string): Readonly<MediaFormat> {
  let format = recentFormats.get(url);
  if (!format) {
    if (recentFormats.size >= 1000) recentFormats.clear();
    // Frozen: shared by every caller that asks about this URL, so none may change it for the others.
    format = Object.freeze(judgeFormat(url));
    recentFormats.set(url, format);
  }
  return format;
}

function judgeFormat(url: string): MediaFormat {
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : '';
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.replace(/[?#].*$/, '');
  }
  let lastSegment = path.slice(path.lastIndexOf('/') + 1);
  try {
    lastSegment = decodeURIComponent(lastSegment);
  } catch {
    // keep the raw segment: a broken escape cannot hide a dot
  }
  const dot = lastSegment.lastIndexOf('.');
  const extension = dot > 0 ? lastSegment.slice(dot + 1).toLowerCase() : '';
  return { extension, category: categories[extension] ?? 'unknown', scheme };
}
