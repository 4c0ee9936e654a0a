/**
 * What every browser test sets up: the app with the built web UI on a free port (over a store the test
 * prepared), and headless Chromium. The tests differ in what they do in the page, not in this.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { packageRoot } from '../../src/paths.ts';
import { loadWorld } from '../../src/graph/load.ts';
import { buildWeb } from '../../src/web/build.ts';
import { buildApp, type BuildAppOptions } from '../../src/server/index.ts';
import type { Store } from '../../src/store/index.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** The app over `store` with the web UI (built into `dir`) and the examples, listening on a free loopback port. */
export async function startUiApp(store: Store, dir: string, extra: Partial<BuildAppOptions> = {}) {
  const { world, versions } = await loadWorld(store);
  const app = await buildApp({
    store,
    world,
    versions,
    webDir: await buildWeb({ cacheDir: join(dir, 'web') }),
    examplesDir: join(packageRoot, 'examples'),
    rateLimit: false,
    ...extra,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ];
  return chromium.launch({ executablePath: CHROMIUM, args });
}
