/**
 * Supply chains: recall on the UFLPA Entity List's own firms, and Xinjiang-origin precision on addresses elsewhere.
 *   npm run bench:supply [-- --json --negatives 1000 --uflpa PATH --wro PATH]
 * Imports the DHS UFLPA Entity List and the CBP withhold-release orders (../shared/data/lists/dhs/) into a
 * temporary database, then (1) screens the UFLPA firms' names as a supplier file with --supply: recall = rows that
 * are UFLPA hits; (2) screens generated suppliers with addresses in other provinces (Chinese and English formats,
 * with the look-alikes a gazetteer must not fall for: 乌鲁木齐中路 in Shanghai, Xinjiang Road in Qingdao, Yiwu,
 * Xinhe and Qinghe counties in Hebei, 沙湾区 in Leshan, Baicheng in Jilin …) mixed with generated Xinjiang
 * addresses: precision and recall of the Xinjiang-origin finding.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';
import { loadWorld } from '../src/graph/load.ts';
import { screenAgainst } from '../src/screen/index.ts';
import { csvLine } from '../src/report/index.ts';
import { NEGATIVE_PLACES, XINJIANG_PLACES, type GenPlace } from './supply-places.ts';
import { rng } from './seeded-random.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    negatives: { type: 'string', default: '1000' },
    positives: { type: 'string', default: '200' },
    uflpa: { type: 'string', default: resolve('../shared/data/lists/dhs/dhs_uflpa.json') },
    wro: { type: 'string', default: resolve('../shared/data/lists/dhs/cbp_wro.json') },
  },
});

const rand = rng(20261207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const STREETS = [
  ['人民路', 'Renmin Road'],
  ['解放路', 'Jiefang Road'],
  ['中山路', 'Zhongshan Road'],
  ['建设路', 'Jianshe Road'],
  ['新华路', 'Xinhua Road'],
  ['工业大道', 'Gongye Avenue'],
  ['科技园路', 'Kejiyuan Road'],
] as const;
const TRADES = [
  ['纺织', 'Textile'],
  ['服饰', 'Garment'],
  ['机械', 'Machinery'],
  ['电子', 'Electronics'],
  ['食品', 'Food'],
  ['化工', 'Chemical'],
  ['包装', 'Packaging'],
  ['金属制品', 'Metal Products'],
] as const;
const WORDS = [
  ['恒达', 'Hengda'],
  ['华盛', 'Huasheng'],
  ['金源', 'Jinyuan'],
  ['宏远', 'Hongyuan'],
  ['永兴', 'Yongxing'],
  ['瑞丰', 'Ruifeng'],
  ['东方', 'Dongfang'],
] as const;

/** One supplier row at a place, in Chinese or English address format; `street` overrides the street (look-alikes). */
function supplier(p: GenPlace): string[] {
  const [streetZh, streetEn] = p.street ?? pick(STREETS);
  const [wordZh, wordEn] = pick(WORDS);
  const [tradeZh, tradeEn] = pick(TRADES);
  const n = 1 + Math.floor(rand() * 899);
  const postal = rand() < 0.7 ? p.postal : '';
  if (rand() < 0.5) {
    const name = `${p.cityZh.replace(/市$/, '')}${wordZh}${tradeZh}有限公司`;
    return [name, `${p.provinceZh}${p.cityZh}${p.districtZh}${streetZh}${n}号${postal ? ` ${postal}` : ''}`, '中国'];
  }
  const name = `${p.cityEn} ${wordEn} ${tradeEn} Co., Ltd.`;
  const province = p.provinceEn ? `, ${p.provinceEn}` : '';
  return [name, `No. ${n} ${streetEn}, ${p.districtEn}, ${p.cityEn}${province}${postal ? ` ${postal}` : ''}, China`, 'China'];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-supply-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    await importFiles(store, [args.uflpa]);
    await importFiles(store, [args.wro]);
    const { world, versions } = await loadWorld(store);

    // 1. The UFLPA list's own firms as suppliers.
    const firms = (JSON.parse(readFileSync(args.uflpa, 'utf8')).entities as { name: string }[]).map((e) => e.name);
    const listFile = join(dir, 'uflpa-firms.csv');
    writeFileSync(listFile, ['name,country', ...firms.map((f) => csvLine([f, 'China']))].join('\n'));
    const t0 = performance.now();
    const listed = await screenAgainst(world, versions, listFile, { supply: true });
    const listSeconds = (performance.now() - t0) / 1000;
    const found = listed.results.filter((r) => r.status === 'hit' && r.lists.includes('UFLPA'));
    const missed = listed.results.filter((r) => !found.includes(r)).map((r) => r.input.name);

    // 2. Suppliers in other provinces (with look-alikes) and in Xinjiang.
    const rows: { row: string[]; xinjiang: boolean; trap?: string }[] = [];
    for (let i = 0; i < Number(args.negatives); i++) {
      const p = pick(NEGATIVE_PLACES);
      rows.push({ row: supplier(p), xinjiang: false, trap: p.trap });
    }
    for (let i = 0; i < Number(args.positives); i++) rows.push({ row: supplier(pick(XINJIANG_PLACES)), xinjiang: true });
    const addrFile = join(dir, 'suppliers.csv');
    writeFileSync(addrFile, ['name,address,country', ...rows.map((r) => csvLine(r.row))].join('\n'));
    const t1 = performance.now();
    const screened = await screenAgainst(world, versions, addrFile, { supply: true });
    const addrSeconds = (performance.now() - t1) / 1000;
    const flagged = screened.results.map((r) => Boolean(r.origin));
    const tp = rows.filter((r, i) => r.xinjiang && flagged[i]).length;
    const fp = rows.filter((r, i) => !r.xinjiang && flagged[i]);
    const out = {
      uflpa: {
        firms: firms.length,
        found: found.length,
        recall: Number((found.length / firms.length).toFixed(4)),
        missed,
        seconds: Number(listSeconds.toFixed(2)),
      },
      origin: {
        other_provinces: Number(args.negatives),
        look_alike_rows: rows.filter((r) => r.trap).length,
        xinjiang_rows: Number(args.positives),
        xinjiang_origin_findings_elsewhere: fp.length,
        false_positives: fp.slice(0, 10).map((r) => r.row[1]),
        true_positives: tp,
        precision: tp + fp.length ? Number((tp / (tp + fp.length)).toFixed(4)) : null,
        recall: Number((tp / Number(args.positives)).toFixed(4)),
        seconds: Number(addrSeconds.toFixed(2)),
        rows_per_s: Math.round(rows.length / addrSeconds),
      },
    };
    if (args.json) console.log(JSON.stringify(out, null, 2));
    else {
      console.log(`UFLPA firms found: ${found.length}/${firms.length} (recall ${out.uflpa.recall})${missed.length ? `; missed: ${missed.join('; ')}` : ''}`);
      console.log(
        `Xinjiang origin: ${fp.length} findings on ${args.negatives} suppliers elsewhere (${out.origin.look_alike_rows} look-alikes); ${tp}/${args.positives} Xinjiang addresses found; precision ${out.origin.precision}, recall ${out.origin.recall}`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
