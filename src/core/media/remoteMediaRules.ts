import type { DiagnosticData, Severity } from '../diagnostic';
import type { MediaRef, MediaRole } from '../payload/anatomy';
import type { MediaFacts, MediaFailure } from './mediaFacts';
import { type KindVerdict, type ServedKind, kindOfContentType, kindOfExtension, kindOfImageBytes } from './mediaKind';

/** Stable codes of remote media findings (diagnostic codes; documentation and CI filters key on them). */
export type MediaFindingCode =
  | 'media.unreachable'
  | 'media.timeout'
  | 'media.tls-version'
  | 'media.tls-certificate'
  | 'media.redirect-to-http'
  | 'media.too-many-redirects'
  | 'media.content-type'
  | 'media.too-large'
  | 'media.thumbnail-too-large'
  | 'media.image-too-wide'
  | 'media.aspect-ratio'
  | 'media.dimensions-unknown'
  | 'media.private-address'
  | 'media.metadata-address'
  | 'media.server-size'
  | 'media.not-checked';

export interface MediaFinding {
  /** Pointer of the URL string in the payload. */
  pointer: string;
  code: MediaFindingCode;
  severity: Severity;
  message: string;
  data?: DiagnosticData;
}

const MB = 1024 * 1024;

/** LINE's limits for the files behind media URLs (Sinch LINE channel page; LINE Messaging API reference). */
export const remoteMediaLimits = {
  imageBytes: 10 * MB,
  videoBytes: 200 * MB,
  audioBytes: 200 * MB,
  thumbnailBytes: 1 * MB,
  cardImageMaxWidth: 1024,
  cardImageRatios: [
    { name: 'rectangle', ratio: 1.51 },
    { name: 'square', ratio: 1 },
  ],
  ratioTolerance: 0.02,
} as const;

// Temporary refusals: LINE may well get the file later, so they are doubts, not verdicts.
const transientStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Judges the facts behind one URL for the place it has in the payload. Pure: no I/O, no clock. */
export function judgeMedia(ref: MediaRef, facts: MediaFacts): MediaFinding[] {
  const base: DiagnosticData = { url: ref.url };
  if (facts.finalUrl !== ref.url) base.finalUrl = facts.finalUrl;
  if (facts.failure) {
    const finding = failureFinding(ref, facts.failure, base);
    return finding ? [finding] : [];
  }
  if (facts.contentType !== undefined) base.contentType = facts.contentType;
  const findings: MediaFinding[] = [];
  const add = (code: MediaFindingCode, severity: Severity, message: string, data: DiagnosticData = {}) =>
    findings.push({ pointer: ref.pointer, code, severity, message, data: { ...base, ...data } });

  if (facts.implausibleSize !== undefined) {
    add('media.server-size', 'warning', `The media server claims a size beyond any real file (${facts.implausibleSize}): its headers cannot be trusted, and LINE may refuse the file. The size was not checked.`);
  }
  const verdict = verdictFor(ref.role, facts);
  const served = facts.contentType ?? 'no content type';
  if (verdict === undefined) {
    add('media.content-type', 'warning', `The server sends ${served} and the URL has no known file extension: LINE may not tell what kind of file it is. Serve it as ${expectedTypes(ref.role)}.`);
  } else if (!verdict.accepted && verdict.source !== 'extension') {
    // A wrong extension is already reported by the static rules; only what the server or the bytes say is new here.
    add('media.content-type', 'error', `${roleLabel(ref.role)} must be ${expectedTypes(ref.role)}; the server sends ${describe(verdict)}.`, { actualType: verdict.label });
  }

  const limit = sizeLimit(ref.role, verdict?.kind);
  if (limit && facts.size !== undefined && facts.size > limit.bytes) {
    add(
      ref.role === 'thumbnail' ? 'media.thumbnail-too-large' : 'media.too-large',
      'error',
      `${limit.label} is ${formatBytes(facts.size)}, over LINE's ${formatBytes(limit.bytes)} limit.`,
      { limit: limit.bytes, actual: facts.size },
    );
  }

  if (ref.role === 'card-image' && (verdict === undefined || verdict.kind === 'image')) {
    if (facts.image) {
      const { width, height } = facts.image;
      if (width > remoteMediaLimits.cardImageMaxWidth) {
        add('media.image-too-wide', 'error', `The card image is ${width} px wide (${width}×${height}); LINE allows at most ${remoteMediaLimits.cardImageMaxWidth} px.`, {
          limit: remoteMediaLimits.cardImageMaxWidth,
          actual: width,
          height,
        });
      }
      const ratio = width / height;
      const fits = remoteMediaLimits.cardImageRatios.some((r) => Math.abs(ratio - r.ratio) <= remoteMediaLimits.ratioTolerance);
      if (!fits) {
        // The Sinch LINE page: the aspect ratio of a card image "must be one of" these two.
        add(
          'media.aspect-ratio',
          'error',
          `The card image is ${width}×${height} px, ratio ${ratio.toFixed(2)}:1; on LINE a card image must be 1.51:1 (rectangle) or 1:1 (square).`,
          { actual: Number(ratio.toFixed(4)), width, height },
        );
      }
    } else if (facts.dimensionsWanted && verdict?.accepted) {
      add('media.dimensions-unknown', 'information', 'The card image\'s width and height could not be read from its first bytes, so LINE\'s 1024 px width and 1.51:1 or 1:1 ratio were not checked.');
    }
  }
  return findings;
}

function verdictFor(role: MediaRole, facts: MediaFacts): KindVerdict | undefined {
  const fromType = kindOfContentType(facts.contentType);
  if (fromType) return fromType;
  return (role !== 'media' ? kindOfImageBytes(facts.image?.type) : undefined) ?? kindOfExtension(facts.finalUrl) ?? kindOfExtension(facts.url);
}

function sizeLimit(role: MediaRole, kind: ServedKind | undefined): { bytes: number; label: string } | undefined {
  if (role === 'thumbnail') return { bytes: remoteMediaLimits.thumbnailBytes, label: 'The video thumbnail' };
  if (role === 'card-image') return { bytes: remoteMediaLimits.imageBytes, label: 'The card image' };
  switch (kind) {
    case 'image':
      return { bytes: remoteMediaLimits.imageBytes, label: 'The image' };
    case 'video':
      return { bytes: remoteMediaLimits.videoBytes, label: 'The video' };
    case 'audio':
      return { bytes: remoteMediaLimits.audioBytes, label: 'The audio file' };
    default:
      return undefined;
  }
}

function failureFinding(ref: MediaRef, failure: MediaFailure, base: DiagnosticData): MediaFinding | undefined {
  const data: DiagnosticData = { ...base, failure: failure.kind };
  if (failure.status !== undefined) data.status = failure.status;
  if (failure.code !== undefined) data.errorCode = failure.code;
  const finding = (code: MediaFindingCode, severity: Severity, message: string): MediaFinding => ({ pointer: ref.pointer, code, severity, message, data });
  switch (failure.kind) {
    case 'http-status':
      return transientStatuses.has(failure.status ?? 0)
        ? finding('media.unreachable', 'warning', `The media server answers ${failure.detail}; LINE cannot fetch the file while this lasts.`)
        : finding('media.unreachable', 'error', `The media URL answers ${failure.detail}; LINE will not be able to fetch the file.`);
    case 'network':
      // Seen from this machine only: a proxy, VPN or offline laptop fails the same way, so it stays a doubt.
      return finding('media.unreachable', 'warning', `Could not reach the media server: ${failure.detail}. LINE must be able to fetch the URL from the internet.`);
    case 'timeout':
      return finding('media.timeout', 'warning', `The media server gave ${failure.detail}; LINE may give up on it too.`);
    case 'tls-version':
      return finding('media.tls-version', 'error', `The media server does not accept TLS 1.2 or later: ${failure.detail}. LINE fetches media only over HTTPS with TLS 1.2+.`);
    case 'tls-certificate':
      return finding('media.tls-certificate', 'error', `The media server's certificate is not trusted: ${failure.detail}. LINE refuses files from such a server.`);
    case 'redirect-to-http':
      if (failure.location !== undefined) data.location = failure.location;
      return finding('media.redirect-to-http', 'error', `The media URL redirects to ${failure.location ?? 'an http: URL'}; LINE fetches media only over HTTPS, so the plain http: hop fails.`);
    case 'too-many-redirects':
      return finding('media.too-many-redirects', 'error', `The media URL leads through ${failure.detail}; LINE will not follow such a chain. Link the final URL directly.`);
    case 'private-address':
      return finding('media.private-address', 'error', `The media URL leads to ${failure.detail}; LINE cannot fetch it from the internet. (Local testing: allow private addresses in the settings, or --media-allow-private.)`);
    case 'metadata-address':
      return finding('media.metadata-address', 'error', `The media URL leads to ${failure.detail}; it is never fetched, and LINE cannot fetch it.`);
    case 'not-checked-in-time':
      return finding('media.not-checked', 'warning', `Not checked: ${failure.detail}.`);
    case 'cancelled':
      return undefined;
  }
}

function expectedTypes(role: MediaRole): string {
  return role === 'media' ? 'image/jpeg, image/png, video/mp4 or audio/mp4 (m4a)' : 'image/jpeg or image/png';
}

function roleLabel(role: MediaRole): string {
  return role === 'media' ? 'A LINE media file' : role === 'thumbnail' ? 'A LINE video thumbnail' : 'A LINE card image';
}

function describe(verdict: KindVerdict): string {
  return verdict.source === 'bytes' ? `a ${verdict.label} file` : verdict.label;
}

/** "12.0 MB", "1.5 MB", "640 KB": the unit the limits are stated in, with enough precision to compare. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
