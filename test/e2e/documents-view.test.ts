/**
 * A scanned document in the web UI is shown as a document (issue #28): each finding with its place, the
 * quoted clause, the category and the English gloss; no vendor layout ("rows in file", "Matched party",
 * "Confirm — this is the listed party"); listed firms link to their entity page, capability terms link nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.ts';
import { openStore } from '../../src/store/index.ts';
import { CHROMIUM, launchChromium, startUiApp } from '../helpers/browser-app.ts';

const TENDER = join(packageRoot, 'examples/documents/xinjiang-school-security-tender.txt');

test('a scanned tender is shown as findings with place, quoted clause, category and gloss; only firms link to an entity', {
  skip: existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed`,
  timeout: 180_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-docs-'));
  const store = await openStore(join(dir, 'e2e.db'));
  const { app, url } = await startUiApp(store, dir);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
    await page.getByRole('radio', { name: /Documents/ }).check();
    await page.setInputFiles('#file', TENDER);
    await page.getByRole('button', { name: 'Start screening' }).click();
    const findings = page.locator('section.document-findings');
    await findings.locator('table').waitFor({ timeout: 90_000 });

    assert.match(await findings.locator('h2').innerText(), /Findings in xinjiang-school-security-tender\.txt/);
    assert.deepEqual(
      (await findings.locator('table thead th').allInnerTexts()).map((t) => t.trim()),
      ['Where', 'Quoted clause', 'Category', 'English gloss', 'Severity'],
    );
    const rows = await findings.locator('table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        marked: tr.querySelector('blockquote.clause mark')?.textContent ?? '',
        entityLinks: tr.querySelectorAll('a[href^="#/entity/"]').length,
      })),
    );
    // The face-comparison clause is quoted whole, with its category and gloss.
    const face = rows.find((r) => r.marked.includes('人脸比对'));
    assert.ok(face, 'the face-comparison clause is a finding');
    assert.match(face.cells[1], /视频管理平台须具备人脸比对功能/);
    assert.ok(face.cells[2].trim().length > 0 && face.cells[3].trim().length > 0, `category and gloss: ${face.cells.join(' | ')}`);
    // Capability terms are not parties: no entity link; the listed makers named in the tender are.
    const firms = rows.filter((r) => r.entityLinks > 0);
    assert.ok(firms.length > 0 && firms.length < rows.length, `${firms.length} of ${rows.length} rows link to an entity`);
    assert.equal(face.entityLinks, 0);
    assert.ok(firms.some((r) => /Hikvision|Dahua/i.test(r.cells[3])));
    assert.doesNotMatch(await page.locator('main').innerText(), /rows in file|Matched party|Confirm — this is the listed party/i);
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
