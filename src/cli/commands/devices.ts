/** `sightline devices FILE…` (scans and inventories) and `sightline identify FILE|-` (one device's evidence). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { openWorld, withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { progress } from '../progress.ts';
import type { Certificate, CertificateArgs } from '../../report/index.ts';
import { SightlineError } from '../../errors.ts';
import { dataPath } from '../../paths.ts';
import { parseFieldMap } from '../../io/columns.ts';
import type { DeviceRecord, InputFormat } from '../../devices/index.ts';

const OUTPUTS = ['table', 'json', 'csv', 'html'];
const INPUTS: InputFormat[] = ['nmap', 'inventory', 'dhcpd', 'dnsmasq', 'arp', 'onvif', 'http'];
const INVENTORY_FIELDS = ['mac', 'ip', 'hostname', 'manufacturer', 'model', 'serial', 'firmware', 'description'];

export function registerDevices(program: Command, io: CliIO, setExit: (code: number) => void): void {
  registerDevicesCommand(program, io, setExit);
  registerIdentify(program, io, setExit);
}

function registerDevicesCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('devices')
    .description(
      'find covered equipment (Hikvision, Dahua, Huawei, ZTE, Hytera and their OEM brands) in nmap XML, inventories, DHCP leases, ARP tables, ONVIF replies',
    )
    .argument('<files...>', 'input files')
    .option('--format <format>', `output: ${OUTPUTS.join('|')}; or force the input format: ${INPUTS.join('|')}`, 'table')
    .option('--input-format <format>', `force the input format: ${INPUTS.join('|')}`)
    .option('--map <pairs>', 'inventory column mapping, e.g. mac="NIC MAC",model="Part no"')
    .option('--as-of <date>', 'verdicts as the lists stood on this date')
    .option('--out <file>', 'write the report to a file')
    .option('--disclosure <file>', 'also write the §889 representation draft for counsel (FAR 52.204-24(d)/(e), 52.204-26): .docx or .html')
    .action(async (files: string[], opts, cmd: Command) => {
      if (opts.disclosure && !/\.(docx|html?)$/i.test(opts.disclosure)) throw new SightlineError('USAGE', '--disclosure must name a .docx or .html file');
      let output = opts.format;
      let inputFormat = opts.inputFormat as InputFormat | undefined;
      if (INPUTS.includes(output)) {
        inputFormat = output;
        output = 'table';
      }
      if (!OUTPUTS.includes(output)) throw new SightlineError('USAGE', `--format must be one of ${[...OUTPUTS, ...INPUTS].join(', ')}`);
      if (inputFormat && !INPUTS.includes(inputFormat)) throw new SightlineError('USAGE', `--input-format must be one of ${INPUTS.join(', ')}`);
      const { screenDevices } = await import('../../devices/index.ts');
      const { summariseDevices, devicesJson, devicesTable, devicesCsv, devicesHtml } = await import('../../devices/report.ts');
      const { withBom } = await import('../../report/index.ts');
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const { world, versions } = await openWorld(store, config);
        const records: DeviceRecord[] = [];
        const warnings: string[] = [];
        const bar = progress(io, 'devices');
        try {
          for await (const r of screenDevices(files, {
            world,
            asOf: opts.asOf,
            format: inputFormat,
            map: opts.map ? parseFieldMap(opts.map, INVENTORY_FIELDS) : undefined,
            onWarning: (w) => warnings.push(w),
            onRead: (n) => bar.update(n),
          }))
            records.push(r);
        } finally {
          bar.stop();
        }
        const summary = summariseDevices(records, warnings);
        const certificate = await devicesCertificate(files, opts.asOf, inputFormat, versions);
        const text =
          output === 'json'
            ? devicesJson(records, summary, certificate)
            : output === 'csv'
              ? devicesCsv(records)
              : output === 'html'
                ? devicesHtml(records, summary, certificate)
                : devicesTable(records, summary, certificate);
        if (opts.out) {
          writeFileSync(opts.out, output === 'csv' ? withBom(text) : text);
          io.err(`wrote ${opts.out}`);
        } else io.out(text);
        if (opts.disclosure) await writeDisclosure(opts.disclosure, records, certificate, io);
        for (const w of warnings) io.err(`warning: ${w}`);
        if (summary.byVerdict.covered || summary.byVerdict['likely covered']) setExit(1);
        // No device read is nothing checked, not "nothing covered" (a header-only inventory, an empty scan).
        if (!records.length) {
          io.err(`sightline: no devices found in ${files.map((f) => basename(f)).join(', ')}: nothing checked`);
          setExit(2);
        }
      });
    });
}

async function writeDisclosure(file: string, records: DeviceRecord[], certificate: Certificate, io: CliIO): Promise<void> {
  const { buildDisclosure, disclosureHtml } = await import('../../devices/disclosure.ts');
  const draft = buildDisclosure(records, certificate);
  if (/\.docx$/i.test(file)) {
    const { disclosureDocx } = await import('../../devices/disclosure-docx.ts');
    writeFileSync(file, await disclosureDocx(draft));
  } else writeFileSync(file, disclosureHtml(draft));
  io.err(`wrote ${file}: draft §889 representation for counsel, ${draft.covered.length} covered items`);
}

/** The certificate of a devices run: the input files' hash, the list versions and the equipment rules applied. */
async function devicesCertificate(files: string[], asOf: string | undefined, inputFormat: InputFormat | undefined, versions: CertificateArgs['versions']) {
  const { buildCertificate } = await import('../../report/index.ts');
  const { hashFiles } = await import('../../lists/import-files.ts');
  return buildCertificate({
    title: 'Equipment screening certificate',
    asOf,
    input: { name: files.map((f) => basename(f)).join(', '), sha256: await hashFiles(files), format: inputFormat ?? 'auto-detected' },
    versions,
    rules: [
      {
        id: 'ndaa889',
        name: 'NDAA FY2019 §889 covered telecommunications / video surveillance equipment',
        status: 'applied',
        citation: 'Pub. L. 115-232 §889',
      },
      { id: 'fcc', name: 'FCC Covered List', status: 'applied', citation: '47 CFR 1.50002' },
      { id: 'el', name: 'BIS Entity List maker', status: 'applied' },
      {
        id: 'device-rules',
        name: 'equipment fingerprints and maker table (data/devices/*.yml, data/rules.yml)',
        status: 'applied',
        note: `sha256 ${await rulesDigest()}`,
      },
    ],
    thresholds: {},
  });
}

/** One digest of the rule files a verdict depends on, so the inquiry record names the rules' version. */
async function rulesDigest(): Promise<string> {
  const { hashFiles } = await import('../../lists/import-files.ts');
  const files = ['models.yml', 'fingerprints.yml', 'makers.yml', 'brands.yml', 'oui-makers.yml'].map((f) => dataPath('devices', f));
  return (await hashFiles([...files, dataPath('rules.yml')])).slice(0, 16);
}

function registerIdentify(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('identify')
    .description(
      'identify one device from pasted evidence: nmap -oN output, HTTP/RTSP headers, SNMP walk, ONVIF/ISAPI/Dahua CGI replies, TLS certificate dump, log lines',
    )
    .argument('[file]', 'a file with the evidence, or - for standard input', '-')
    .option('--as-of <date>', 'verdict as the lists stood on this date')
    .option('--json', 'print {manufacturer, brand, model, confidence, verdict, signals, …}')
    .action(async (file: string, opts, cmd: Command) => {
      const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      if (!text.trim()) throw new SightlineError('USAGE', `${file === '-' ? 'standard input' : file} is empty: paste the device's evidence`);
      const { identify } = await import('../../devices/index.ts');
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const { world } = await openWorld(store, config);
        const a = identify(text, world, { asOf: opts.asOf });
        if (opts.json) io.out(JSON.stringify(a, null, 2));
        else {
          io.out(
            `manufacturer: ${a.manufacturer ?? 'unknown'}\nbrand: ${a.brand ?? 'unknown'}\nmodel: ${a.model ?? 'unknown'}\nconfidence: ${a.confidence.toFixed(2)}\nverdict: ${a.verdict}`,
          );
          if (a.path.length) io.out(`path: ${a.path.join(' → ')}`);
          io.out('evidence:');
          for (const s of a.signals) io.out(`  ${s.kind}: ${s.value}  (${s.source}; rule ${s.rule}${s.ruleSource ? `; ${s.ruleSource}` : ''})`);
          if (!a.signals.length) io.out('  no signal recognised');
          for (const n of a.notes ?? []) io.out(`note: ${n}`);
        }
        if (a.verdict !== 'not covered') setExit(1);
      });
    });
}
