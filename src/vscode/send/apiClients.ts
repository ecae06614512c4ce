import type { Dispatcher } from 'undici';
import { ConversationApi } from '../../core/conversation/conversationApi';
import type { Environment } from '../../core/conversation/environment';
import { TokenCache } from '../../core/conversation/tokenCache';
import { createDispatcher } from '../../core/http/dispatcher';
import type { SettingsStore } from '../config';
import { Disposable } from '../util/dispose';

/**
 * One dispatcher (with VS Code's http.proxy, else HTTPS_PROXY/NO_PROXY) and one token cache for the window, so a
 * token is reused across sends; a proxy change builds a new dispatcher.
 */
export class ApiClients extends Disposable {
  #dispatcher: Dispatcher | undefined;
  #proxyKey = '';
  #tokens: TokenCache | undefined;

  constructor(private readonly settings: SettingsStore) {
    super();
    this._register({ dispose: () => void this.#dispatcher?.close() });
  }

  get timeoutMs(): number {
    return this.settings.current.send.timeoutMs;
  }

  get dispatcher(): Dispatcher {
    const { http, send } = this.settings.current;
    const key = `${http.proxy ?? ''}|${http.noProxy ?? ''}|${send.timeoutMs}`;
    if (!this.#dispatcher || key !== this.#proxyKey) {
      void this.#dispatcher?.close();
      this.#dispatcher = createDispatcher({ proxy: http.proxy, noProxy: http.noProxy, timeoutMs: send.timeoutMs });
      this.#proxyKey = key;
      this.#tokens = new TokenCache(this.#dispatcher, { timeoutMs: send.timeoutMs });
    }
    return this.#dispatcher;
  }

  get tokens(): TokenCache {
    void this.dispatcher;
    return this.#tokens!;
  }

  api(environment: Environment, keySecret: string): ConversationApi {
    return new ConversationApi({ environment, keySecret, dispatcher: this.dispatcher, tokens: this.tokens, timeoutMs: this.timeoutMs });
  }
}
