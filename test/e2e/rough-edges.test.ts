/**
 * The rough edges a new user hit, in a real browser (Debian's chromium driven by playwright-core): quick
 * navigation, the threshold default, a file with every row skipped, holdings with an index, a subsidiary's
 * parent listings, search scores and "no match", the audit trail in words, and legible path-graph labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.ts';
import { openStore } from '../../src/store/index.ts';
import { AuditLog, serverDb } from '../../src/review/index.ts';
import { DEFAULT_THRESHOLD } from '../../src/match/index.ts';
import { main } from '../../src/cli/main.ts';
import { bufferIO } from '../../src/cli/io.ts';
import { CHROMIUM, launchChromium, startUiApp } from '../helpers/browser-app.ts';

const HOLDINGS = join(packageRoot, 'examples/holdings.csv');
const INDEX = join(packageRoot, 'examples/index-msci-em-sample.csv');

async function cli(...args: string[]) {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

// long: one browser session walks every rough edge in turn; each step is a few lines
test('the rough edges a new user hit are gone from the web UI', {
  skip: existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed`,
  timeout: 180_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-rough-'));
  const db = join(dir, 'e2e.db');
  // A list imported from the command line, before the server starts: it must show in the audit trail.
  assert.equal((await cli('--db', db, 'lists', 'import', join(packageRoot, 'test/fixtures/lists/versions/csl-v1.csv'))).code, 0);
  const cliHoldings = JSON.parse((await cli('--db', db, 'screen', HOLDINGS, '--kind', 'holdings', '--index', INDEX, '--format', 'json', '--no-save')).out);
  const store = await openStore(db);
  await new AuditLog(serverDb(store)).append({
    actor: 'command line',
    role: 'admin',
    action: 'key.created',
    subject: 'k1',
    detail: { name: 'Rita', role: 'reviewer' },
  });
  const { app, url } = await startUiApp(store, dir);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const mainText = () => page.locator('main').innerText();

    // Quick navigation: the Screen page's late blocks never land in the next page.
    await page.goto(`${url}/#/lists`);
    await page.getByRole('heading', { name: 'Lists' }).waitFor();
    for (let i = 0; i < 5; i++) await page.evaluate(() => ((location.hash = '#/'), setTimeout(() => (location.hash = '#/lists'), 1)));
    await page.getByRole('heading', { name: 'Lists' }).waitFor();
    await page.waitForTimeout(1500);
    assert.doesNotMatch(await mainText(), /Or try an example file|Recent screenings|Screen a file/);

    // The threshold field shows the real default.
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
    assert.equal(await page.locator('#threshold').getAttribute('placeholder'), DEFAULT_THRESHOLD.toFixed(2));

    // Every row skipped: the reason, up front.
    const skipped = join(dir, 'no-names.csv');
    writeFileSync(skipped, 'Name,Country\n,US\n,CN\n');
    await page.setInputFiles('#file', skipped);
    await page.getByRole('button', { name: 'Start screening' }).click();
    await page.locator('#nothing-screened').waitFor({ timeout: 60_000 });
    assert.match(await page.locator('#nothing-screened').innerText(), /No row was screened: all 2 were skipped\nno name or identifier \(rows 2, 3\)/);
    assert.match(await page.locator('p.meta').innerText(), /nothing screened/);

    // Holdings with an index: look-through hits and exposure as the CLI gives them.
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
    assert.equal(await page.locator('#index-field').isVisible(), false);
    await page.getByRole('radio', { name: /Holdings/ }).check();
    await page.setInputFiles('#file', HOLDINGS);
    await page.setInputFiles('#index', INDEX);
    await page.getByRole('button', { name: 'Start screening' }).click();
    await page.locator('#exposure').waitFor({ timeout: 60_000 });
    assert.match(await page.locator('#exposure').innerText(), /look-through exposure: /);
    const hits = Number(await page.locator('.stat-bad strong, .stat-plain strong').nth(1).innerText());
    assert.equal(hits, cliHoldings.results.filter((r: { status: string }) => r.status === 'hit').length);

    // A subsidiary: its parent's listings say whose they are; the path graph is legible and complete.
    const ezviz = join(dir, 'ezviz.csv');
    writeFileSync(ezviz, 'Name,Country\n"Hangzhou EZVIZ Network Co., Ltd.",CN\n');
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
    await page.setInputFiles('#file', ezviz);
    await page.getByRole('button', { name: 'Start screening' }).click();
    await page.locator('button[data-hit]').first().click({ timeout: 60_000 });
    await page.locator('#not-listed-itself').waitFor();
    assert.match(await page.locator('#hit-detail table.listings').innerText(), /via parent Hangzhou Hikvision Digital Technology/);
    assert.doesNotMatch(await page.locator('#hit-detail table.listings').innerText(), /own listing/);
    const labels = await page
      .locator('#hit-detail svg.graph text')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', height: e.getBoundingClientRect().height })));
    assert.ok(labels.length > 0);
    for (const l of labels) {
      assert.ok(l.height >= 12, `"${l.text}" is drawn ${l.height.toFixed(1)} px high`);
      assert.ok(!l.text.endsWith('…'), `"${l.text}" is cut off`);
    }

    // Search: scores, and a clear "no match" for nonsense.
    await page.goto(`${url}/#/search?q=${encodeURIComponent('xyzzy nonexistent plc')}`);
    await page.locator('#no-match').waitFor();
    await page.goto(`${url}/#/search?q=Hikvision`);
    await page.locator('main table').waitFor();
    assert.match(await page.locator('main table thead').innerText(), /Score/);

    // The audit trail in words: the CLI import and the key.
    await page.goto(`${url}/#/audit`);
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const audit = await mainText();
    assert.match(audit, /Imported a list[\s\S]*csl version 1 from csl-v1\.csv: 3 list entries/);
    assert.match(audit, /key k1 for Rita, role reviewer/);
    assert.doesNotMatch(audit, /\{"/);
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
