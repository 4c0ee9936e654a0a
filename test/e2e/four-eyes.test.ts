/**
 * Four-eyes decisions and the evidence pack in a real browser (Debian's chromium driven by playwright-core):
 * a reviewer-approver proposes a dismissal and cannot approve it (no form; the API answers 403 and the
 * refusal is audited); a second approver, signed in with their own key in another browser context,
 * approves it with a reason code and the hit is dismissed. The job page's evidence pack downloads and
 * verifies with `sightline audit verify`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../../src/paths.ts';
import { openStore } from '../../src/store/index.ts';
import { fixturePath } from '../helpers/server.ts';
import { cliRunner } from '../helpers/cli.ts';
import { CHROMIUM, launchChromium, startUiApp } from '../helpers/browser-app.ts';

const ARTIFACTS = join(packageRoot, 'test-artifacts');

/** A browser context of its own (its own session storage, so its own key), signed in with `key`. */
async function signedIn(browser: Browser, url: string, key: string, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[139]/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: 'Sign in with an API key' }).waitFor();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Screen a file' }).waitFor();
  return page;
}

/** POST from the page with its own key, as any script in the signed-in tab could: the status code. */
function postAs(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ([p, b]) => {
      const key = sessionStorage.getItem('sightline.key');
      const res = await fetch(p as string, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return res.status;
    },
    [path, body],
  );
}

test('four-eyes in the browser: the proposer cannot approve, a second approver can, and the evidence pack verifies', {
  skip: existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`,
  timeout: 180_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-four-eyes-'));
  const db = join(dir, 'e2e.db');
  const store = await openStore(db);
  const { app, url } = await startUiApp(store, dir, { fourEyes: true });
  const rex = (await app.sightline.keys.create('rex', 'approver')).key;
  const apollonia = (await app.sightline.keys.create('apollonia', 'approver')).key;
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    // Rex screens the vendor file and proposes to dismiss the first hit.
    const proposer = await signedIn(browser, url, rex, problems);
    await proposer.setInputFiles('#file', fixturePath('vendors.csv'));
    await proposer.getByRole('button', { name: 'Start screening' }).click();
    await proposer.locator('table.results').waitFor({ timeout: 60_000 });
    const jobUrl = proposer.url();
    const hitKey = await proposer.locator('button[data-hit]').first().getAttribute('data-hit');
    assert.ok(hitKey);
    const hitRow = (page: Page) => page.locator(`tr:has(button[data-hit="${hitKey}"])`);
    await proposer.locator(`button[data-hit="${hitKey}"]`).click();
    await proposer.getByRole('radio', { name: /^Dismiss/ }).check();
    await proposer.getByLabel('Reason (kept in the audit trail)').fill('Different company: registered in Ontario, business number checked.');
    await proposer.getByRole('button', { name: 'Propose decision' }).click();
    await proposer.locator('#proposal').filter({ hasText: 'You proposed it' }).waitFor();
    assert.equal(await proposer.locator('#resolve-form').count(), 0, 'the proposer is offered no approval');
    assert.match(await hitRow(proposer).innerText(), /New\s+Proposed/);
    assert.equal(await hitRow(proposer).locator('[title^="Dismissed proposed by rex"]').count(), 1);

    // Approving it anyway, with the proposer's own key, is refused.
    const { proposals } = await proposer.evaluate(async () =>
      (await fetch('/proposals', { headers: { authorization: `Bearer ${sessionStorage.getItem('sightline.key')}` } })).json(),
    );
    assert.equal(proposals.length, 1);
    assert.equal(await postAs(proposer, `/proposals/${proposals[0].id}/approve`, { reasonCode: 'evidence-sufficient' }), 403);

    // Apollonia, in her own session, approves it with a reason code; the hit is dismissed.
    const approver = await signedIn(browser, url, apollonia, problems);
    await approver.goto(jobUrl);
    await approver.locator(`button[data-hit="${hitKey}"]`).click();
    await approver.locator('#resolve-form').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await approver.locator('#proposal').screenshot({ path: join(ARTIFACTS, '11-four-eyes-approve.png') });
    assert.match(await approver.locator('#proposal').innerText(), /Dismissed — proposed by rex .*Ontario/);
    await approver.getByRole('radio', { name: /^Approve/ }).check();
    await approver.getByLabel('Reason code').selectOption({ label: 'Verified independently (registry, identifiers, address)' });
    await approver.getByLabel('Note (optional, kept in the audit trail)').fill('Registry extract on file.');
    await approver.getByRole('button', { name: 'Record resolution' }).click();
    await approver.locator('#hit-detail table').filter({ hasText: 'rex (approved by apollonia)' }).waitFor();
    assert.equal(await approver.locator('#proposal').count(), 0, 'nothing is waiting any more');
    assert.match(await hitRow(approver).innerText(), /Dismissed/);
    assert.doesNotMatch(await hitRow(approver).innerText(), /Proposed/);

    // The audit trail shows the proposal, the refused self-approval and the approval, chain intact.
    await approver.goto(`${url}/#/audit`);
    await approver.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const audit = await approver.locator('main').innerText();
    assert.match(audit, /chain intact/);
    for (const line of [
      /rex\s+approver\s+Proposed a decision/,
      /rex\s+approver\s+Refused: resolving own proposal/,
      /apollonia\s+approver\s+Approved a proposed decision.*independently-verified/,
    ])
      assert.match(audit, line);

    // The job page's evidence pack downloads, and its audit chain proof verifies.
    await approver.goto(jobUrl);
    await approver.locator('table.results').waitFor();
    const [download] = await Promise.all([approver.waitForEvent('download'), approver.getByRole('button', { name: 'Evidence pack' }).click()]);
    const pack = join(dir, 'pack.zip');
    await download.saveAs(pack);
    const verified = await cliRunner(() => db)('audit', 'verify', pack);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /verified/);
    assert.deepEqual(problems, [], 'no console errors or CSP violations');
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
