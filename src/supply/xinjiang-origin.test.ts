import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessXinjiang, xinjiangFinding } from './xinjiang-origin.ts';
import { uflpaSectors } from './sectors.ts';

const placed = (address: string, extra: Record<string, string> = {}) => assessXinjiang({ address, ...extra }).placed;

test('Chinese addresses in Xinjiang are placed by the names in them, with the rule and the words that placed them', () => {
  const f = xinjiangFinding({ address: '新疆维吾尔自治区阿克苏地区阿克苏市纺织工业城（开发区）乌鲁木齐路1号' });
  assert.ok(f);
  assert.equal(f.rule.id, 'uflpa-presumption');
  assert.deepEqual(
    f.words.map((w) => [w.text, w.code]),
    [
      ['新疆维吾尔自治区', '650000'],
      ['阿克苏地区', '652900'],
      ['阿克苏', '652900'],
    ],
    '乌鲁木齐路 is a street, not Ürümqi',
  );
  assert.match(f.text, /placed in Xinjiang by "新疆维吾尔自治区" \(新疆维吾尔自治区 Xinjiang, 650000\) in address/);
  assert.match(f.text, /UFLPA rebuttable presumption$/);
  assert.ok(placed('新疆石河子市北四东路37号'));
  assert.ok(placed('和田地区墨玉县托胡拉乡'), '和田地区 is unambiguous though 和田 and 墨玉 alone are not');
});

test('English, pinyin and Uyghur transliterations place an address, diacritics or not', () => {
  assert.ok(placed('No. 1 Yingbin Road, Kuerle, Bayingolin'));
  assert.ok(placed('Korla Economic and Technological Development Zone'));
  assert.ok(placed('88 Renmin Road, Ürümqi 830000, PRC'));
  assert.ok(placed('Wulumuqi Economic Development Zone'));
  assert.ok(placed('Kashgar, Xinjiang, China'));
  assert.ok(placed('Khotan Industrial Park, Karakax'));
  assert.ok(placed('Shihezi Development Zone, 8th Division'));
  assert.ok(placed('Alar City, Xinjiang', {}));
  const aksu = xinjiangFinding({ address: 'Textile Industrial City, Aksu', country: 'China' });
  assert.ok(aksu, 'Aksu is a place in Kazakhstan too, but the row says China');
});

test('look-alike names in other provinces are not placed', () => {
  assert.equal(placed("No. 9 Wulumuqi Middle Road, Jing'an District, Shanghai 200040"), false, 'a Shanghai street named after Ürümqi');
  assert.equal(placed('上海市静安区乌鲁木齐中路288号'), false);
  assert.equal(placed('青岛市市北区新疆路16号'), false, 'Xinjiang Road, Qingdao');
  assert.equal(placed('Futian Market, Yiwu, Jinhua, Zhejiang 322000'), false, 'Yiwu, Zhejiang is not Yiwu County (伊吾)');
  assert.equal(placed('Xinhe County, Xingtai, Hebei 055650'), false, '新河县, Hebei');
  assert.equal(placed('Qinghe County, Xingtai City, Hebei Province'), false);
  assert.equal(placed('Baicheng Economic Development Zone, Jilin'), false);
  assert.equal(placed('Yutian County, Tangshan, Hebei 064100'), false);
  assert.equal(placed('Hami melon wholesale, Nanhui, Pudong'), false, 'Hami alone is ambiguous');
  assert.equal(placed('Aksu, Almaty Region', { country: 'Kazakhstan' }), false);
  assert.equal(placed('Room 830012'), false, 'a Xinjiang postal code alone places nothing');
});

test('a district name shared with another province needs a second signal', () => {
  const sichuan = assessXinjiang({ address: '四川省乐山市沙湾区沫若大道168号' });
  assert.equal(sichuan.placed, false);
  assert.equal(sichuan.words[0]?.text, '沙湾');
  assert.match(sichuan.words[0]?.ambiguousWith ?? '', /Leshan, Sichuan/);
  assert.equal(placed('沙湾区嘉农镇'), false, 'alone, 沙湾 could be Leshan');
  assert.equal(placed('塔城地区沙湾市乌兰乌苏镇'), true, 'with its prefecture');
  assert.equal(placed('沙湾市乌兰乌苏镇 832100'), true, 'with a Xinjiang postal code');
  assert.equal(placed('Xinshi District, Baoding, Hebei 071051'), false, '新市区 is also a district of Baoding');
  assert.equal(placed('Xinshi District, Urumqi 830011'), true);
});

test('high-priority sectors come from the product words or the HS code, and name what placed them', () => {
  assert.deepEqual(
    uflpaSectors('Combed cotton yarn 40s').map((s) => [s.id, s.via]),
    [['cotton', '"cotton yarn"']],
  );
  assert.deepEqual(
    uflpaSectors(undefined, '7601.10').map((s) => [s.id, s.via]),
    [['aluminum', 'HS 76']],
  );
  assert.deepEqual(
    uflpaSectors('番茄酱 tomato paste').map((s) => s.id),
    ['tomatoes'],
  );
  assert.deepEqual(
    uflpaSectors('Polysilicon', '2804.61').map((s) => [s.id, s.via]),
    [['silica', 'HS 2804.61']],
  );
  assert.deepEqual(uflpaSectors('Office chairs', '9401.30'), []);
});
