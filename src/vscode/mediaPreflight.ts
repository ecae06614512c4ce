import * as vscode from 'vscode';
import type { CheckResult } from '../core/check';
import type { Diagnostic } from '../core/diagnostic';
import type { MediaChecker, MediaCheckerOptions, MediaFinding } from '../core/media';
import { mediaDiagnostics } from '../core/media/mediaDiagnostics';
import { loadMedia } from './lazyMedia';
import { skipReason } from '../core/media/skipReason';
import type { Settings } from '../core/settings';
import type { AsyncFindings, DiagnosticsManager } from './diagnostics';
import { Disposable } from './util/dispose';

const debounceMs = 600;

/** What "Re-check Media Now" did, for its report. */
export interface RecheckReport {
  /** Distinct URLs requested. */
  checked: number;
  /** URLs left out: placeholders filled in at send time, plain http, not URLs at all. */
  skipped: number;
  findings: MediaFinding[];
}

interface Stored {
  /** URL per pointer when the findings were made: a finding stays only while its URL is unchanged. */
  urls: Map<string, string>;
  findings: MediaFinding[];
}

/**
 * Checks the files behind a payload's media URLs in the background, after the static check of each change.
 * The checker's cache makes re-checks while typing free; only a changed URL costs a request.
 */
export class MediaPreflight extends Disposable implements AsyncFindings {
  readonly #onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.#onDidChange.event;
  readonly #stored = new Map<string, Stored>();
  readonly #running = new Map<string, { timer?: NodeJS.Timeout; abort: AbortController }>();
  /** Made on the first media check, so that the extension starts without the media bundle. */
  #lazyChecker: MediaChecker | undefined;

  constructor(diagnostics: DiagnosticsManager, private settings: Settings, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(diagnostics.onDidCheck(({ document, result }) => this.#schedule(document, result, false)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.#drop(d.uri)));
    this._register({ dispose: () => void this.#lazyChecker?.close() });
    this._register({ dispose: () => this.#running.forEach((r) => (clearTimeout(r.timer), r.abort.abort())) });
  }

  update(settings: Settings): void {
    const checkerChanged =
      settings.media.timeoutMs !== this.settings.media.timeoutMs ||
      settings.media.allowPrivateAddresses !== this.settings.media.allowPrivateAddresses ||
      settings.http.proxy !== this.settings.http.proxy ||
      settings.http.noProxy !== this.settings.http.noProxy;
    this.settings = settings;
    if (checkerChanged) {
      void this.#lazyChecker?.close();
      this.#lazyChecker = undefined;
    }
    if (!settings.media.remoteChecks) {
      // Also checks still waiting out their debounce or in flight: after opting out, nothing more is fetched.
      for (const key of new Set([...this.#stored.keys(), ...this.#running.keys()])) this.#drop(vscode.Uri.parse(key));
    }
  }

  get #checker(): MediaChecker {
    const { media, http } = this.settings;
    const options: MediaCheckerOptions = { timeoutMs: media.timeoutMs, allowPrivateAddresses: media.allowPrivateAddresses, proxy: http.proxy, noProxy: http.noProxy };
    return (this.#lazyChecker ??= new (loadMedia().MediaChecker)(options));
  }

  get(uri: vscode.Uri, result: CheckResult): Diagnostic[] {
    const stored = this.#stored.get(uri.toString());
    if (!stored || !this.settings.media.remoteChecks) return [];
    const current = new Map(result.anatomy.media.map((m) => [m.pointer, m.url]));
    const valid = stored.findings.filter((f) => current.get(f.pointer) === stored.urls.get(f.pointer));
    return mediaDiagnostics(result.document, valid);
  }

  /** "Re-check Media Now": fetch again even what the cache still holds as fresh. */
  async recheck(document: vscode.TextDocument, result: CheckResult): Promise<RecheckReport> {
    const urls = new Set(result.anatomy.media.map((m) => m.url));
    const skipped = [...urls].filter((url) => skipReason(url) !== undefined).length;
    const findings = (await this.#run(document.uri, result, true)) ?? [];
    return { checked: urls.size - skipped, skipped, findings };
  }

  /** For the workspace check: media diagnostics of a file that may not be open. */
  async checkClosed(result: CheckResult, signal: AbortSignal): Promise<Diagnostic[]> {
    if (!this.settings.media.remoteChecks) return [];
    const findings = await this.#checker.checkMedia(result.anatomy.media, { signal });
    return mediaDiagnostics(result.document, findings);
  }

  #schedule(document: vscode.TextDocument, result: CheckResult, force: boolean): void {
    if (!this.settings.media.remoteChecks || result.anatomy.media.length === 0) return;
    const key = document.uri.toString();
    const previous = this.#running.get(key);
    if (previous) {
      clearTimeout(previous.timer);
      previous.abort.abort();
    }
    const entry: { timer?: NodeJS.Timeout; abort: AbortController } = { abort: new AbortController() };
    entry.timer = setTimeout(() => void this.#run(document.uri, result, force, entry.abort), debounceMs);
    this.#running.set(key, entry);
  }

  async #run(uri: vscode.Uri, result: CheckResult, force: boolean, abort = new AbortController()): Promise<MediaFinding[] | undefined> {
    if (!this.settings.media.remoteChecks) return undefined;
    const refs = result.anatomy.media;
    const findings = await this.#checker.checkMedia(refs, { signal: abort.signal, force });
    if (abort.signal.aborted || this.isDisposed) return undefined;
    this.#stored.set(uri.toString(), { urls: new Map(refs.map((m) => [m.pointer, m.url])), findings });
    this.log.debug(`Media pre-flight of ${vscode.workspace.asRelativePath(uri)}: ${refs.length} URLs, ${findings.length} findings`);
    this.#onDidChange.fire(uri);
    return findings;
  }

  #drop(uri: vscode.Uri): void {
    const key = uri.toString();
    const running = this.#running.get(key);
    if (running) {
      clearTimeout(running.timer);
      running.abort.abort();
      this.#running.delete(key);
    }
    if (this.#stored.delete(key)) this.#onDidChange.fire(uri);
  }
}
