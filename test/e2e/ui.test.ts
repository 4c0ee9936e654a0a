/**
 * End-to-end in a real browser (Debian's chromium driven by playwright-core): upload the example
 * vendor file, open a hit, dismiss it with a reason, re-screen and see it stay dismissed, download
 * the report. Screenshots of the main pages go to test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.ts';
import { openStore } from '../../src/store/index.ts';
import { CHROMIUM, launchChromium, startUiApp } from '../helpers/browser-app.ts';
import { cliRunner } from '../helpers/cli.ts';

const ARTIFACTS = join(packageRoot, 'test-artifacts');
const VENDORS = existsSync(join(packageRoot, 'examples/vendors.csv'))
  ? join(packageRoot, 'examples/vendors.csv')
  : join(packageRoot, 'test/fixtures/server/vendors.csv');

test('a compliance officer screens a vendor file, dismisses a hit, re-screens and downloads the report', {
  skip: existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed (apt-get install -y chromium fonts-wqy-zenhei)`,
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const store = await openStore(join(dir, 'e2e.db'));
  const { app, url } = await startUiApp(store, dir);
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    const shot = async (name: string) => {
      assert.deepEqual(await page.locator('main .error').allInnerTexts(), [], `no error shown on ${name}`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
    };

    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
    await shot('01-home');

    // Upload and screen the vendor file.
    await page.setInputFiles('#file', VENDORS);
    await page.getByRole('button', { name: 'Start screening' }).click();
    await page.locator('table.results').waitFor({ timeout: 60_000 });
    const firstJob = page.url();
    await shot('02-results');

    // Open the first hit and dismiss it with a reason (keyboard: focus the button, press Enter).
    const hitButton = page.locator('button[data-hit]').first();
    const hitKey = await hitButton.getAttribute('data-hit');
    assert.ok(hitKey);
    await hitButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('#decide-form').waitFor();
    assert.equal((await page.locator('#hit-detail svg.graph').count()) > 0, true, 'the path graph is drawn');
    await shot('03-hit-detail');
    await page.getByRole('radio', { name: /^Dismiss/ }).check();
    await page.getByLabel('Reason (kept in the audit trail)').fill('Different company: our vendor is registered elsewhere (checked registry).');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.locator('#hit-detail table').filter({ hasText: 'Different company' }).waitFor();
    assert.match(await page.locator(`tr:has(button[data-hit="${hitKey}"])`).innerText(), /Dismissed/);

    // Re-screen: the same hit stays dismissed.
    await page.locator('#rescreen').click();
    await page.waitForURL((u) => u.toString() !== firstJob);
    await page.locator('table.results').waitFor({ timeout: 60_000 });
    await page.locator('#f-status').selectOption('dismissed');
    const row = page.locator(`tr:has(button[data-hit="${hitKey}"])`);
    await row.waitFor();
    assert.match(await row.innerText(), /Dismissed/);
    await page.locator('#f-status').selectOption('hits');
    await shot('04-rescreen');

    // Download the HTML report and check the decision is in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-report=html]').click()]);
    const reportPath = join(ARTIFACTS, 'report.html');
    await download.saveAs(reportPath);
    const report = readFileSync(reportPath, 'utf8');
    assert.match(report, /Dismissed/);
    assert.match(report, /Different company: our vendor is registered elsewhere/);

    // Entity explorer, lists and audit trail.
    await page.goto(`${url}/#/entity/${encodeURIComponent(hitKey!.split(':').slice(1).join(':'))}`);
    await page.getByRole('heading', { name: 'Listings' }).waitFor();
    await shot('05-entity');
    await page.goto(`${url}/#/search?q=${encodeURIComponent('海康威视')}`);
    await page.locator('main table').waitFor();
    await shot('06-search');
    await page.goto(`${url}/#/lists`);
    await page.getByRole('heading', { name: 'Lists' }).waitFor();
    await shot('07-lists');
    await page.goto(`${url}/#/audit`);
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Dismissed a hit/);
    await shot('08-audit');
    // Monitors: one added over the API is listed, with its current hits and the alert inbox.
    const form = new FormData();
    form.set('name', 'E2E vendor master');
    form.set('file', new Blob([readFileSync(VENDORS)]), 'vendors.csv');
    const added = await fetch(`${url}/monitors`, { method: 'POST', body: form });
    assert.equal(added.status, 201, await added.clone().text());
    await page.goto(`${url}/#/monitors`);
    await page.getByRole('heading', { name: 'Alert inbox' }).waitFor();
    await page.getByRole('link', { name: 'E2E vendor master' }).click();
    await page.getByRole('heading', { name: 'Current hits' }).waitFor();
    assert.ok((await page.locator('main table.hits tbody tr').count()) > 0, 'the monitor shows the hits of its baseline screening');
    await shot('08b-monitor');
    // The monitor's evidence pack downloads from its page and verifies.
    const [pack] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Evidence pack' }).click()]);
    assert.match(pack.suggestedFilename(), /^sightline-evidence-monitor-.*\.zip$/);
    await pack.saveAs(join(dir, 'monitor-pack.zip'));
    const verified = await cliRunner(() => join(dir, 'e2e.db'))('audit', 'verify', join(dir, 'monitor-pack.zip'));
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /verified — .* 9 files match/);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(firstJob);
    await page.locator('table.results').waitFor();
    await page.locator('button[data-hit]').first().click();
    await page.locator('#hit-detail h2').waitFor();
    await shot('09-decided-hit');
    assert.deepEqual(
      problems.filter((p) => !/favicon/.test(p)),
      [],
      'no console errors or CSP violations',
    );
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
