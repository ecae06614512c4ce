// Stands in for `undici` in the extension bundle. undici is about half of what the extension would load at start-up,
// and only sending and media pre-flight use it: its exports are fetched from dist/undici.js (its own bundle, see
// esbuild.mjs) the first time one of them is used. esbuild reads a CommonJS module's exports through property
// access at each use, so these getters run at the first use, not at import.
'use strict';
let undici;
const load = () => (undici ??= require('./undici.js'));
const names = [
  'Agent', 'Client', 'Pool', 'BalancedPool', 'Dispatcher', 'ProxyAgent', 'EnvHttpProxyAgent', 'RetryAgent', 'RetryHandler',
  'request', 'stream', 'pipeline', 'connect', 'upgrade', 'fetch', 'Headers', 'Request', 'Response', 'FormData',
  'WebSocket', 'errors', 'buildConnector', 'setGlobalDispatcher', 'getGlobalDispatcher', 'interceptors', 'util',
];
for (const name of names) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
