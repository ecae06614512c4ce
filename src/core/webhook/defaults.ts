/** The listener's fixed default port (a webhook registered once keeps working across restarts); 0 picks a free one. */
export const defaultListenerPort = 8855;
export const defaultListenerHost = '127.0.0.1';
