import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface ServerStats {
  requests: RecordedRequest[];
  inFlight: number;
  maxInFlight: number;
  /** Body bytes handed to the socket by `serveFile` handlers, per path. */
  bodyBytesWritten: Map<string, number>;
}

export interface TestServer {
  origin: string;
  url(path: string): string;
  route(path: string, handler: Handler): void;
  stats: ServerStats;
  requestsTo(path: string): RecordedRequest[];
  /** HTTP bytes (status line, headers, body) written on every connection so far, open or closed. */
  socketBytesWritten(): number;
  resetStats(): void;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with a random port, per-path handlers and counters of what it was asked and sent. */
export async function startHttpsTestServer(options: ServerOptions): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const stats: ServerStats = { requests: [], inFlight: 0, maxInFlight: 0, bodyBytesWritten: new Map() };
  const sockets = new Set<Socket>();
  let closedSocketBytes = 0;
  const server: Server = createServer(options, (req, res) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    stats.requests.push({ method: req.method ?? '', path, headers: req.headers });
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedSocketBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  // Handshakes the client refuses (old TLS, untrusted certificate) are expected here, not test failures.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => origin + path,
    route: (path, handler) => void routes.set(path, handler),
    stats,
    requestsTo: (path) => stats.requests.filter((r) => r.path === path),
    socketBytesWritten: () => [...sockets].reduce((n, s) => n + s.bytesWritten, closedSocketBytes),
    resetStats() {
      stats.requests.length = 0;
      stats.maxInFlight = stats.inFlight;
      stats.bodyBytesWritten.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

export interface ServedFile {
  /** The first bytes of the file; the rest, up to `size`, is zeros (so 250 MB can be declared without memory). */
  body: Buffer;
  /** Total size; defaults to body.length. */
  size?: number;
  contentType?: string;
  headers?: Record<string, string>;
  etag?: string;
  /** Answer Range requests with 206 (default true); false sends the whole file, as some servers do. */
  ranges?: boolean;
  /** Answer HEAD with this status, as servers that only allow GET do. */
  refuseHead?: number;
  /** Wait this long before answering (concurrency tests). */
  delayMs?: number;
}

/** Serves a (partly virtual) file with HEAD, Range, ETag/304 and backpressure; counts the body bytes it writes. */
export function serveFile(server: TestServer, path: string, file: ServedFile): void {
  server.route(path, (req, res) => {
    const answer = () => {
      if (res.destroyed) return;
      const size = file.size ?? file.body.length;
      const headers: Record<string, string> = { 'accept-ranges': file.ranges === false ? 'none' : 'bytes', ...file.headers };
      if (file.contentType !== undefined) headers['content-type'] = file.contentType;
      if (file.etag !== undefined) headers.etag = file.etag;
      if (req.method === 'HEAD' && file.refuseHead !== undefined) {
        res.writeHead(file.refuseHead, { allow: 'GET', 'content-length': '0' }).end();
        return;
      }
      if (file.etag !== undefined && req.headers['if-none-match'] === file.etag) {
        res.writeHead(304, headers).end();
        return;
      }
      let start = 0;
      let end = size - 1;
      let status = 200;
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && file.ranges !== false && size > 0) {
        start = Number(range[1]);
        end = Math.min(range[2] === '' ? size - 1 : Number(range[2]), size - 1);
        status = 206;
        headers['content-range'] = `bytes ${start}-${end}/${size}`;
      }
      headers['content-length'] = String(end - start + 1);
      res.writeHead(status, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      writeRange(res, file.body, start, end + 1, (n) => server.stats.bodyBytesWritten.set(path, (server.stats.bodyBytesWritten.get(path) ?? 0) + n));
    };
    if (file.delayMs) setTimeout(answer, file.delayMs);
    else answer();
  });
}

/** Writes bytes [start, end) in 16 KB chunks, yielding between chunks and stopping as soon as the client leaves. */
function writeRange(res: ServerResponse, body: Buffer, start: number, end: number, count: (n: number) => void) {
  const chunkSize = 16 * 1024;
  const zeros = Buffer.alloc(chunkSize);
  let offset = start;
  const pump = () => {
    if (res.destroyed) return;
    if (offset >= end) return void res.end();
    const length = Math.min(chunkSize, end - offset);
    const chunk = offset < body.length ? body.subarray(offset, Math.min(offset + length, body.length)) : zeros.subarray(0, length);
    offset += chunk.length;
    count(chunk.length);
    const more = res.write(chunk);
    if (offset >= end) return void res.end();
    // A client that dropped the body is noticed between chunks; a destroyed response never drains, which ends the pump.
    if (more) setImmediate(pump);
    else res.once('drain', pump);
  };
  pump();
}
