import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SightlineError } from '../errors.ts';
import { kidText, parseXml, refuseDtd, xmlStream, xmlSubtrees, type XmlNode } from './xml.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/io/${name}`, import.meta.url), 'utf8');
const refused = (file: string) => (e: unknown) =>
  e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && e.message.startsWith(`${file}, line `) && /DOCTYPE or entities/.test(e.message);

async function* chunks(text: string, size = 100): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function subtrees(text: string, roots: string[]): Promise<XmlNode[]> {
  const out: XmlNode[] = [];
  for await (const n of xmlSubtrees(chunks(text), 'x.xml', new Set(roots))) out.push(n);
  return out;
}

test('subtrees stream one entry at a time, namespace prefixes dropped', async () => {
  const xml =
    '<?xml version="1.0"?><s:Sanctions xmlns:s="urn:x"><s:Entry id="1"><s:Name>Dahua</s:Name></s:Entry><s:Entry id="2"><s:Name><![CDATA[Hik & co]]></s:Name></s:Entry></s:Sanctions>';
  const es = await subtrees(xml, ['Entry']);
  assert.deepEqual(
    es.map((e) => [e.attrs.id, kidText(e, 'Name')]),
    [
      ['1', 'Dahua'],
      ['2', 'Hik & co'],
    ],
  );
});

test('DOCTYPE and entity declarations are refused with file and line, even after a long comment', async () => {
  await assert.rejects(subtrees(fixture('sdn-billion.xml'), ['Entry']), refused('x.xml'));
  await assert.rejects(subtrees(fixture('sdn-xxe-late.xml'), ['Entry']), refused('x.xml'));
  assert.throws(() => parseXml(fixture('nmap-billion.xml'), 'scan.xml'), refused('scan.xml'));
  const events = xmlStream('late.xml', {});
  assert.throws(() => events.write(fixture('nmap-xxe-late.xml')), refused('late.xml'));
  assert.throws(
    () => refuseDtd('<?xml version="1.0"?><!DOCTYPE x><x/>', 'reply.xml'),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /^reply\.xml:/.test(e.message),
  );
});

test('Office parts held as bytes are checked in UTF-8 and UTF-16', () => {
  const part = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>';
  for (const buf of [Buffer.from(part), Buffer.from(part, 'utf16le'), Buffer.from(part, 'utf16le').swap16()]) {
    assert.throws(
      () => refuseDtd(buf, 'x.docx', 'word/document.xml'),
      (e: unknown) => e instanceof SightlineError && /^x\.docx, record word\/document\.xml: XML declaring/.test(e.message),
    );
  }
  refuseDtd(Buffer.from('<?xml version="1.0"?><a>DOCTYPE</a>'), 'ok.docx');
});

test('malformed and truncated XML is BAD_INPUT naming the file and line', async () => {
  await assert.rejects(
    subtrees('<a>\n<b>\n</c>\n</a>', ['b']),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /^x\.xml, line 3: malformed XML/.test(e.message),
  );
  await assert.rejects(
    subtrees('<a><b>one</b><b>tw', ['b']),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /truncated XML/.test(e.message),
  );
  assert.throws(
    () => parseXml('<a>&undeclared;</a>', 'u.xml'),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /^u\.xml, line 1/.test(e.message),
  );
});

test('a small document parses to a tree with attributes and text', () => {
  const root = parseXml(
    '<tds:GetDeviceInformationResponse xmlns:tds="urn:t"><tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model a="1">DS-2CD</tds:Model></tds:GetDeviceInformationResponse>',
  );
  assert.equal(root.name, 'GetDeviceInformationResponse');
  assert.deepEqual(root.attrs, {});
  assert.deepEqual(
    root.children.map((c) => [c.name, c.text, c.attrs]),
    [
      ['Manufacturer', 'HIKVISION', {}],
      ['Model', 'DS-2CD', { a: '1' }],
    ],
  );
});

test('start tags give each attribute by local name, entities decoded, namespace declarations left out, duplicates refused', () => {
  const seen: [string, Record<string, string>, (string | undefined)[]][] = [];
  const events = xmlStream('t.xml', {
    open: (tag) => seen.push([tag.name, tag.attrs, ['id', 'output', 'x', 'missing'].map((n) => tag.attr(n))]),
  });
  events.write('<r xmlns:x="urn:x" xmlns="urn:d"><script id="s&amp;1" output="a&#xa;b &apos;c&apos;"/><e a:x="1" b:x="2"/></r>');
  events.close();
  assert.deepEqual(seen, [
    ['r', {}, [undefined, undefined, undefined, undefined]],
    ['script', { id: 's&1', output: "a\nb 'c'" }, ['s&1', "a\nb 'c'", undefined, undefined]],
    ['e', { x: '2' }, [undefined, undefined, '2', undefined]],
  ]);
  const duplicate = (xml: string) => () => xmlStream('d.xml', {}).write(xml);
  const refusal = (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /duplicate attribute: a\./.test(e.message);
  assert.throws(duplicate('<r><e a="1" b="2" a="3"/></r>'), refusal);
  const many = Array.from({ length: 20 }, (_, i) => `k${i}="${i}"`).join(' ');
  assert.throws(duplicate(`<r><e ${many} a="1" a="2"/></r>`), refusal);
});
