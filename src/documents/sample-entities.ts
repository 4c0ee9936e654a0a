/**
 * A small hand-built entity table for tests, examples and the benchmark. In the product the lead
 * builds this table from the store and knowledge pack (every name and alias, with listings).
 * Listing dates: BIS Entity List 84 FR 54002 (effective 2019-10-09) and Huawei 84 FR 22961 (2019-05);
 * FCC Covered List 2021-03-12 (FACTS.md).
 */
import type { EntityRow } from './types.ts';

const EL_2019_10 = { list: 'BIS Entity List', since: '2019-10-09', citation: '84 FR 54002' };
const FCC = { list: 'FCC Covered List', since: '2021-03-12' };

export function sampleEntities(): EntityRow[] {
  return [
    { id: 'hikvision', caption: 'Hikvision', names: ['Hikvision', 'Hangzhou Hikvision Digital Technology Co., Ltd.', '杭州海康威视数字技术股份有限公司', '海康威视', '海康', 'HIKVISION'], listings: [EL_2019_10, FCC] },
    { id: 'dahua', caption: 'Dahua', names: ['Dahua', 'Dahua Technology', 'Zhejiang Dahua Technology Co., Ltd.', '浙江大华技术股份有限公司', '浙江大华', '大华股份', '大华'], listings: [EL_2019_10, FCC] },
    { id: 'sensetime', caption: 'SenseTime', names: ['SenseTime', '商汤', '商汤科技', '商湯'], listings: [EL_2019_10] },
    { id: 'megvii', caption: 'Megvii', names: ['Megvii', 'Megvii Technology', '旷视', '旷视科技', '北京旷视科技有限公司'], listings: [EL_2019_10] },
    { id: 'yitu', caption: 'Yitu', names: ['Yitu', 'Yitu Technology', '依图', '依图科技'], listings: [EL_2019_10] },
    { id: 'cloudwalk', caption: 'CloudWalk', names: ['CloudWalk', '云从', '云从科技'], listings: [{ list: 'OFAC NS-CMIC List', since: '2021-12-16' }] },
    { id: 'iflytek', caption: 'iFlytek', names: ['iFlytek', '科大讯飞', '讯飞'], listings: [EL_2019_10] },
    { id: 'meiya-pico', caption: 'Meiya Pico', names: ['Meiya Pico', 'Xiamen Meiya Pico Information Co., Ltd.', '美亚柏科', '厦门市美亚柏科信息股份有限公司'], listings: [EL_2019_10] },
    { id: 'huawei', caption: 'Huawei', names: ['Huawei', 'Huawei Technologies Co., Ltd.', '华为', '华为技术有限公司'], listings: [{ list: 'BIS Entity List', since: '2019-05-16', citation: '84 FR 22961' }, FCC] },
    { id: 'zte', caption: 'ZTE', names: ['ZTE', 'ZTE Corporation', '中兴', '中兴通讯', '中兴通讯股份有限公司'], listings: [FCC] },
  ];
}
