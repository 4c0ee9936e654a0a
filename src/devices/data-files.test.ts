import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPath } from '../paths.ts';
import { readRuleSet, rules } from './rules.ts';
import { readOuiMakers } from './oui.ts';

/** A copy of data/devices with one file replaced. */
function withDevices(file: string, text: string, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'devices-data-'));
  try {
    cpSync(dataPath('devices'), dir, { recursive: true });
    writeFileSync(join(dir, file), text);
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MODEL = "- { id: hik-ds, maker: Hikvision, equipment: video, pattern: 'DS-2', weight: 0.9, source: 'test' }\n";

test('the shipped device data reads the same through the schema', () => {
  const set = rules();
  assert.ok(set.models.length > 30 && set.fingerprints.length > 40 && set.makers.filter((m) => m.scope889).length === 5 && set.brands.length > 5);
  withDevices('models.yml', MODEL, (dir) => assert.equal(readRuleSet(dir).models[0].anchored.source, '^(?:DS-2)'));
});

test('a broken device rule file is refused with file, line and field', () => {
  withDevices('models.yml', MODEL + MODEL.replace('0.9', 'high'), (dir) => {
    assert.throws(
      () => readRuleSet(dir),
      (e: Error) => (assert.equal(e.message, `${join(dir, 'models.yml')}:2:78: [1].weight: expected number, got "high"`), true),
    );
  });
  withDevices('models.yml', MODEL.replace("'DS-2'", "'DS-(2'"), (dir) => {
    assert.throws(() => readRuleSet(dir), /models\.yml:1:62: \[0\]\.pattern: bad pattern: /);
  });
  const print = "- { id: x, on: [text], pattern: 'x', weight: 0.5, strength: weak, source: 's' }\n";
  withDevices('fingerprints.yml', print.replace('on: [text]', 'on: text'), (dir) => {
    assert.throws(() => readRuleSet(dir), /fingerprints\.yml:1:16: \[0\]\.on: expected a list, got "text"/);
  });
  withDevices('fingerprints.yml', print, (dir) => assert.throws(() => readRuleSet(dir), /fingerprints\.yml:1:3: \[0\]: rule needs a maker/));
  const brands = readFileSync(dataPath('devices', 'brands.yml'), 'utf8').replace('confidence: 0.95', 'confidence: 95');
  withDevices('brands.yml', brands, (dir) => assert.throws(() => readRuleSet(dir), /brands\.yml:\d+:\d+: \[0\]\.confidence: must be <= 1, got 95/));
});

test('a broken oui-makers file is refused with file and line', () => {
  withDevices('oui-makers.yml', 'makers:\n  - { org: Hikvision, maker: Hikvision }\nmodules: Quectel\n', (dir) => {
    assert.throws(() => readOuiMakers(join(dir, 'oui-makers.yml')), /oui-makers\.yml:3:10: modules: expected a list, got "Quectel"/);
  });
});
