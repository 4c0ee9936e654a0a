import { readList } from './src/lists/index.ts';
import { buildIndex } from './src/match/index.ts';
const ents = []; for await (const e of readList(['../shared/data/lists/csl/consolidated-rebuilt-2026.csv'])) ents.push(e);
const idx = buildIndex(ents);
const byCap = (c: string) => ents.find(e => e.properties.name?.[0] === c);
for (const [q, schema, c] of [['BANK QAVAMIN','Company','KHAVARMIANEH BANK'],['FARKASH, Safia','Person','FAYZIMATOV, Farrukh Furkatovitch'],['Aung SOE,','Person','SOE, Maung Maung'], ['Sine Technologies','Company','SUNWAY TECH CO., LTD']]) {
  const r = idx.matchExhaustive({ schema, properties: { name: [q] } }, { limit: 50 }).find(x => x.caption === c);
  console.log(q, '→', c, JSON.stringify(r?.explanation), JSON.stringify(byCap(c)?.properties.alias?.slice(0, 8)));
}
const qs = ['Mohammad Ali', 'AL-HASAN, Ali', 'Joint Stock Company Research Institute', 'China Co Ltd', 'LIMITED LIABILITY COMPANY', 'Abdul Rahman Mohammed Al Hassan Bin Ali Abu Ahmad'];
for (const q of qs) { for (let i=0;i<3;i++) idx.match({schema:'LegalEntity', properties:{name:[q]}}); const t = performance.now(); for (let i=0;i<20;i++) idx.match({schema:'LegalEntity', properties:{name:[q]}}); console.log(q, ((performance.now()-t)/20).toFixed(2), 'ms'); }
