/**
 * The API docs in a real browser: Swagger UI, served from this server, renders the generated OpenAPI
 * document under the same strict Content-Security-Policy as the app (no inline script, no eval).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.ts';
import { testApp } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';

const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed`;

test('Swagger UI at /docs renders every tag and operation without CSP violations or requests beyond the server', { skip, timeout: 60_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const { app, close } = await testApp();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const problems: string[] = [];
  const foreign: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${url}/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Sightline API' }).waitFor({ timeout: 30_000 });
    await page.locator('.opblock-tag').first().waitFor();
    const tags = await page.locator('.opblock-tag').allInnerTexts();
    for (const tag of ['matching', 'screening', 'review', 'reconciliation', 'lists'])
      assert.ok(
        tags.some((t) => t.startsWith(tag)),
        `tag ${tag} in ${tags}`,
      );
    assert.ok((await page.locator('.opblock-summary-path').filter({ hasText: '/match/{dataset}' }).count()) >= 1);
    mkdirSync(join(packageRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(packageRoot, 'test-artifacts', '10-api-docs.png') });
    assert.deepEqual(problems, [], 'no console errors or CSP violations');
    assert.deepEqual(foreign, [], 'every asset comes from this server');
  } finally {
    await browser.close();
    await close();
  }
});
