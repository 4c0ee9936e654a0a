import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SightlineError } from '../errors.ts';
import { detectColumns, headerKey, parseFieldMap } from './columns.ts';

const SYN = { name: ['name', 'vendor name', '供应商名称'], country: ['country', '国家'], mac: ['mac', 'mac address'] } as const;

test('headers are matched by key in English and Chinese; one column serves one field', () => {
  assert.equal(headerKey(' Vendor-Name '), 'vendorname');
  assert.deepEqual(detectColumns(['供应商名称', '国家'], SYN), { name: 0, country: 1 });
  assert.deepEqual(detectColumns(['Vendor_Name', 'Name', 'COUNTRY'], SYN), { name: 0, country: 2 });
  assert.deepEqual(detectColumns(['Camera MAC Address', 'Mac Mini'], SYN), {});
  assert.deepEqual(detectColumns(['Camera MAC Address', 'Notes'], SYN, {}, { contains: true }), { mac: 0 });
});

test('--map overrides detection and must name an existing header', () => {
  assert.deepEqual(detectColumns(['Tag', 'NIC', 'Name'], SYN, { mac: 'nic', name: 'Tag' }), { mac: 1, name: 0 });
  assert.throws(
    () => detectColumns(['Tag'], SYN, { name: 'Nope' }, { file: 'v.csv' }),
    (e: unknown) => e instanceof SightlineError && e.code === 'USAGE' && /^v\.csv, line 1: mapped column "Nope" not found .*no such column/.test(e.message),
  );
  assert.deepEqual(parseFieldMap('name="Vendor Name", country=Land', ['name', 'country']), { name: 'Vendor Name', country: 'Land' });
  assert.throws(
    () => parseFieldMap('colour=Red', ['name']),
    (e: unknown) => e instanceof SightlineError && e.code === 'USAGE' && /unknown field colour/.test(e.message),
  );
});
