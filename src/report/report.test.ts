import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { buildCertificate, certificateHtml, csvLine, escapeHtml, html, htmlDocument, neutraliseCell, toCsv, xlsxBuffer } from './index.ts';
import { VERSION } from '../version.ts';
import { displayWidth, table } from './text-table.ts';

test('cells that begin with = + - @ tab or CR are neutralised with an apostrophe', () => {
  assert.deepEqual(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'ACME', ''].map(neutraliseCell), [
    '\'=HYPERLINK("http://x")',
    "'+1",
    "'-2",
    "'@SUM(A1)",
    "'\tx",
    "'\rx",
    'ACME',
    '',
  ]);
});

test('CSV output quotes and neutralises text but keeps numbers as numbers', () => {
  assert.equal(csvLine(['=cmd|" /C calc"!A0', 'Kessler, Hart', -5, 'plain']), `"'=cmd|"" /C calc""!A0","Kessler, Hart",-5,plain`);
  assert.equal(toCsv(['a'], [['@x']]), "a\r\n'@x\r\n");
});

test('the html tag escapes interpolated names, including nested arrays', () => {
  const name = '<script>alert(1)</script> & "Co"';
  const out = html`<p>${name}</p><ul>${[name].map((n) => html`<li>${n}</li>`)}</ul>`.value;
  assert.ok(!out.includes('<script>'));
  assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;'));
  assert.equal(escapeHtml("'"), '&#39;');
});

test('the HTML shell is self-contained: inline CSS with a print section, no external references', () => {
  const doc = htmlDocument({ title: 'T <x>', body: html`<p>body</p>` });
  assert.match(doc, /<style>[\s\S]*@media print/);
  assert.match(doc, /<title>T &lt;x&gt;<\/title>/);
  assert.doesNotMatch(doc, /<(script|link)\b|src=|@import|url\(/);
});

test('the certificate names tool version, list versions with sha256, rules, thresholds and input hash', () => {
  const cert = buildCertificate({
    runId: 'run-1',
    now: new Date('2026-01-02T03:04:05Z'),
    asOf: '2024-06-01',
    versions: [
      {
        id: 7,
        source: 'csl',
        number: 3,
        format: 'csl-csv',
        fileNames: ['consolidated.csv'],
        sha256: 'abc123',
        createdAt: '2026-01-01T00:00:00Z',
        entityCount: 10,
        counts: { byList: { EL: 4 }, bySchema: {} },
      },
    ],
    input: { name: 'vendors.csv', sha256: 'def456' },
    rules: [{ id: 'ofac50', name: 'OFAC 50 Percent Rule', status: 'applied' }],
    thresholds: { hit: 0.8, review: 0.7 },
  });
  assert.equal(cert.tool.version, VERSION);
  const out = certificateHtml(cert).value;
  for (const s of ['run-1', VERSION, 'csl', '>3 (id 7)<', 'abc123', 'vendors.csv', 'def456', 'ofac50', 'hit 0.8', '2024-06-01', '2026-01-02T03:04:05.000Z'])
    assert.ok(out.includes(s), s);
});

test('XLSX output neutralises formula-looking text and keeps numbers numeric', async () => {
  const buf = await xlsxBuffer([{ name: 'Results', headers: ['name', 'score'], rows: [['=1+1', 0.9]] }]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Results')!;
  assert.equal(ws.getCell('A2').value, "'=1+1");
  assert.equal(ws.getCell('B2').value, 0.9);
});

test('a text table of 200,000 rows prints (column widths are not computed by spreading every row into Math.max)', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [i, i % 7 ? 'camera' : 'network video recorder']);
  const out = table(['#', 'finding'], rows);
  const lines = out.split('\n');
  assert.equal(lines.length, 200_002);
  assert.equal(lines[1], '------  ----------------------');
});

test('text tables align columns after Chinese names (a Han character takes two terminal cells) and clip by cells', () => {
  const out = table(
    ['name', 'lists'],
    [
      ['杭州海康威视数字技术股份有限公司', 'EL'],
      ['Hikvision', 'EL, NS-CMIC'],
      ['Ｅｚｖｉｚ', 'EL'],
    ],
  );
  const lines = out.split('\n');
  // The second column starts at the same terminal cell on every line.
  const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/(EL|lists|-+$)/))));
  assert.equal(new Set(starts).size, 1, out);
  assert.equal(displayWidth('海康威视'), 8);
  assert.equal(displayWidth('Hikvision'), 9);
  assert.equal(displayWidth('é'.normalize('NFD')), 1);
  const long = table(['name'], [['北'.repeat(40)]]);
  assert.equal(displayWidth(long.split('\n')[2]), 59); // 29 characters of two cells and the ellipsis
});
