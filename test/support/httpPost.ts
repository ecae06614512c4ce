// A small HTTP client for tests that post to a listener on loopback: raw bytes in, status and body out.
import * as http from 'node:http';

export interface Posted {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, options: { method?: string; agent?: http.Agent } = {}): Promise<Posted> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== '[::1]' && target.hostname !== 'localhost') throw new Error(`tests post to loopback only, not ${url}`);
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      { method: options.method ?? 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers }, agent: options.agent ?? false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(bytes);
  });
}

/** Starts a throwaway HTTP server on 127.0.0.1 (a user's webhook handler, a fake ngrok API). */
export async function startServer(handler: http.RequestListener): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
