/** What the server behind a media URL told us; rules judge these facts, the cache keeps them. */
export interface MediaFacts {
  url: string;
  /** The URL after redirects (the same as `url` when there were none). */
  finalUrl: string;
  redirects: number;
  /** Status of the last response; absent when no response came (network failure). */
  status?: number;
  /** Lower-case MIME type without parameters, e.g. `image/png`. */
  contentType?: string;
  /** Total size in bytes; absent when the server did not say (chunked answers): not an error. */
  size?: number;
  image?: ImageDimensions;
  /** A size header claiming more than any real file (the header as sent): the server's headers cannot be trusted. */
  implausibleSize?: string;
  /** The probe was asked for image dimensions (a cached entry without them cannot serve a card image). */
  dimensionsWanted: boolean;
  /** Body bytes consumed from the server, summed over every request of the probe. */
  bodyBytesRead: number;
  requests: number;
  failure?: MediaFailure;
  validators: Validators;
  freshness: CachePolicy;
}

export interface ImageDimensions {
  width: number;
  height: number;
  /** Format detected from the bytes (`png`, `jpg`, `gif`…), whatever the server's content type says. */
  type?: string;
}

export type MediaFailureKind =
  | 'http-status'
  | 'network'
  | 'timeout'
  | 'tls-version'
  | 'tls-certificate'
  | 'redirect-to-http'
  | 'too-many-redirects'
  | 'private-address'
  | 'metadata-address'
  | 'not-checked-in-time'
  | 'cancelled';

export interface MediaFailure {
  kind: MediaFailureKind;
  /** Human words for what went wrong, without the URL: "404 Not Found", "connection refused (ECONNREFUSED)". */
  detail: string;
  /** Node or OpenSSL error code when there is one. */
  code?: string;
  status?: number;
  /** The http: URL a redirect pointed to. */
  location?: string;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface CachePolicy {
  noStore: boolean;
  /** Freshness the server granted (max-age minus Age); undefined when it said nothing, 0 for no-cache. */
  maxAgeMs: number | undefined;
}
