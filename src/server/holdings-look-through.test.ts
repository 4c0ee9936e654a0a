// Holdings uploaded with an index file: look-through hits and exposure as the CLI gives them on the example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packApp } from '../../test/helpers/server.ts';
import { main } from '../cli/main.ts';
import { bufferIO } from '../cli/io.ts';

const HOLDINGS = 'examples/holdings.csv';
const INDEX = 'examples/index-msci-em-sample.csv';

function twoFiles(kind: string) {
  const boundary = '----sightline-look-through';
  const part = (name: string, file: string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.split('/').pop()}"\r\nContent-Type: text/csv\r\n\r\n`),
      readFileSync(file),
      Buffer.from('\r\n'),
    ]);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    part('file', HOLDINGS),
    part('index', INDEX),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

test('holdings uploaded with an index give the CLI’s hits and exposure lines, and the index shows by name only', async () => {
  const { app, close } = await packApp();
  const dir = mkdtempSync(join(tmpdir(), 'sl-look-through-'));
  try {
    const res = await app.inject({ method: 'POST', url: '/screen', ...twoFiles('holdings') });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json().options.lookThrough, { name: 'index-msci-em-sample.csv' }, 'the content is not echoed');
    await app.sightline.jobs.idle();
    const results = (await app.inject({ url: `/jobs/${res.json().id}/results` })).json();

    const io = bufferIO();
    const code = await main(['--db', join(dir, 'cli.db'), 'screen', HOLDINGS, '--kind', 'holdings', '--index', INDEX, '--format', 'json', '--no-save'], io);
    assert.equal(code, 1, io.stderr.join('\n'));
    const cli = JSON.parse(io.stdout.join('\n'));

    const cliHits = cli.results.filter((r: { status: string }) => r.status === 'hit').map((r: { row: number }) => r.row);
    assert.ok(cliHits.length > 0);
    assert.equal(results.summary.hits, cliHits.length);
    assert.ok(
      results.rows.some((r: { hits: { via: string }[] }) => r.hits.some((x) => x.via.startsWith('look-through'))),
      'a hit through a fund held',
    );
    assert.ok(results.extra.exposureLines.some((l: string) => l.startsWith('look-through exposure: ')));
    const text = new Set((await runText(dir)).split('\n'));
    for (const line of results.extra.exposureLines) assert.ok(text.has(line), `the CLI prints "${line}"`);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function runText(dir: string): Promise<string> {
  const io = bufferIO();
  await main(['--db', join(dir, 'cli.db'), 'screen', HOLDINGS, '--kind', 'holdings', '--index', INDEX, '--no-save'], io);
  return io.stdout.join('\n');
}

test('an index file with a vendor screening is refused', async () => {
  const { app, close } = await packApp();
  try {
    const res = await app.inject({ method: 'POST', url: '/screen', ...twoFiles('vendors') });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().detail ?? res.body, /index file .*holdings only/);
  } finally {
    await close();
  }
});
