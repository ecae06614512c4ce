import * as http from 'node:http';

/** Where a local ngrok agent answers its API (ngrok's default web interface address). */
export const defaultNgrokApi = 'http://127.0.0.1:4040';

export interface NgrokTunnel {
  publicUrl: string;
  proto: string;
  /** What the tunnel forwards to, as ngrok reports it ("http://localhost:8855"). */
  addr: string;
}

function getJson(url: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1_048_576) request.destroy(new Error('answer too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error('not JSON'));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** The tunnels a running ngrok agent has open; an empty list when no agent answers. */
export async function ngrokTunnels(apiBase = defaultNgrokApi, timeoutMs = 1000): Promise<NgrokTunnel[]> {
  let body: unknown;
  try {
    body = await getJson(`${apiBase.replace(/\/$/, '')}/api/tunnels`, timeoutMs);
  } catch {
    return [];
  }
  const tunnels = (body as { tunnels?: unknown })?.tunnels;
  if (!Array.isArray(tunnels)) return [];
  return tunnels.flatMap((t) => {
    const publicUrl = (t as { public_url?: unknown })?.public_url;
    if (typeof publicUrl !== 'string' || !/^https?:\/\//.test(publicUrl)) return [];
    const addr = (t as { config?: { addr?: unknown } }).config?.addr;
    return [{ publicUrl, proto: String((t as { proto?: unknown }).proto ?? ''), addr: typeof addr === 'string' ? addr : '' }];
  });
}

/** The public https URL of the tunnel that forwards to this port, if ngrok runs one. */
export async function ngrokUrlFor(port: number, apiBase = defaultNgrokApi): Promise<string | undefined> {
  const matching = (await ngrokTunnels(apiBase)).filter((t) => {
    const m = /(?:^|:)(\d+)\/?$/.exec(t.addr);
    return m !== null && Number(m[1]) === port;
  });
  const best = matching.find((t) => t.publicUrl.startsWith('https://')) ?? matching[0];
  return best ? `${best.publicUrl.replace(/\/$/, '')}/` : undefined;
}
