import type { Page } from 'playwright-core';
import { scene } from './pngFixture';

export interface ServedFile {
  body: Buffer | string;
  contentType: string;
}

/** The image size a media.test URL gets: card images are drawn at LINE's rectangle ratio unless named otherwise. */
function sizeFor(path: string): [number, number] {
  if (path.includes('square')) return [400, 400];
  if (path.includes('thumb')) return [640, 360];
  if (path.includes('photo')) return [640, 480];
  return [604, 400];
}

/**
 * Routes every request of the page: media.test answers with generated images, `files` with their content, and
 * everything else is blocked, as a network would be in CI. Returns the list of every URL that reached the network
 * layer (a request the page's CSP refuses never does).
 */
export async function routeRequests(page: Page, files: Record<string, ServedFile> = {}): Promise<string[]> {
  const requested: string[] = [];
  await page.route('**/*', async (route) => {
    requested.push(route.request().url());
    const url = new URL(route.request().url());
    const file = files[url.href];
    if (file) return route.fulfill({ status: 200, contentType: file.contentType, body: file.body });
    if (url.origin === 'https://media.test') {
      const [width, height] = sizeFor(url.pathname);
      return route.fulfill({ status: 200, contentType: 'image/png', body: scene(width, height, url.pathname) });
    }
    return route.abort('blockedbyclient');
  });
  return requested;
}
