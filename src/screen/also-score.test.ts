import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath, fixtureWorld } from '../../test/helpers/server.ts';
import { screenAgainst } from './run-screening.ts';
import { renderCsv, renderText } from './report-text.ts';

test('--also-score ofac-sls adds the Sanctions List Search score of the matched party as a second column', async () => {
  const report = await screenAgainst(fixtureWorld(), [], fixturePath('vendors.csv'), { asOf: '2024-06-01', alsoScore: ['ofac-sls'] });
  const dahua = report.results.find((r) => r.input.name === 'Dahua Technology')!;
  assert.equal(dahua.match?.id, 'pack-dahua');
  assert.deepEqual(dahua.also, [{ algorithm: 'ofac-sls', score: 1, id: 'pack-dahua', caption: 'Zhejiang Dahua Technology Co., Ltd.' }]);
  const northwind = report.results.find((r) => r.input.name === 'Northwind Traders')!;
  assert.deepEqual(northwind.also, [{ algorithm: 'ofac-sls', score: null }], 'nothing shown by either');
  const [header, ...rows] = renderCsv(report).trim().split('\n');
  assert.match(header, /,score,score_ofac_sls,matched_id_ofac_sls,via,/);
  assert.ok(rows.some((r) => r.includes(',1,pack-dahua,name,')));
  assert.match(renderText(report), /score {2}ofac-sls/);
  assert.deepEqual(report.certificate.options?.also_score, ['ofac-sls']);
});

test('--algorithm ofac-sls screens with the regulator-parity score and its slider threshold', async () => {
  const report = await screenAgainst(fixtureWorld(), [], fixturePath('vendors.csv'), { asOf: '2024-06-01', algorithm: 'ofac-sls' });
  assert.equal(report.certificate.thresholds.hit, 0.8);
  const dahua = report.results.find((r) => r.input.name === 'Dahua Technology')!;
  assert.equal(dahua.status, 'hit');
  assert.ok('ofac-sls' in (dahua.match?.explanation ?? {}));
  await assert.rejects(screenAgainst(fixtureWorld(), [], fixturePath('vendors.csv'), { algorithm: 'logic-v2' }), /unknown algorithm "logic-v2"/);
});
