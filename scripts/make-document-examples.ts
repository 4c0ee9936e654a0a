/**
 * Writes the real-format example documents into examples/documents/ (DOCX, XLSX, PDF) with the
 * fixture writers, so the committed examples can be rebuilt: `npx tsx scripts/make-document-examples.ts`.
 * The texts are written by the Sightline project in the style of real tenders.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeDocx, writePdf, writeXlsx } from '../test/helpers/fixture-writers.ts';

const here = (name: string) => fileURLToPath(new URL(`../examples/documents/${name}`, import.meta.url));

/** Police-style camera tender (Chinese), with traditional characters and evasive spellings. */
export const POLICE_TENDER_PARAGRAPHS = [
  '××县公安局视频图像智能分析系统采购项目招标公告（示例文本）',
  '一、采购内容：人像卡口 20 套、动态人臉識別服务器 2 台、WiFi探针 30 个。',
  '二、技术要求：系统应支持对采集人员进行维吾尔族识别，并支持少数民(mín)族识别预警；支持步态识别与 ren脸 比对。',
  '三、平台须接入雪亮工程及天网工程现有资源，兼容大华私有协议，采用 商汤 或同等算法。',
  '四、供应商不得为失信被执行人。',
];

export const PDF_PAGES = [
  ['Request for Quotation RFQ-2023-114 (example)', 'Campus access control and CCTV refresh', 'Prepared for the Sightline project.'],
  [
    'Section 2: Requirements',
    'The access system shall perform face recognition at each gate',
    'and shall support gait recognition for persons wearing masks.',
    'Recording equipment: Dahua NVR or compatible; Huawei switches.',
    'Suppliers on a blacklist of debarred firms are not eligible.',
  ],
];

export const XLSX_SHEETS = {
  设备清单: [
    ['序号', '设备名称', '技术参数', '数量'],
    ['1', '人脸抓拍摄像机', '支持人脸抓拍、性别识别，兼容海康威视平台', '12'],
    ['2', '网络交换机', '24 口千兆', '2'],
  ],
  Notes: [
    ['Item', 'Remark'],
    ['NVR', 'SmartPSS client licence included'],
  ],
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(here('police-video-analytics-tender.docx'), writeDocx(POLICE_TENDER_PARAGRAPHS));
  writeFileSync(here('campus-cctv-rfq.pdf'), writePdf(PDF_PAGES));
  writeFileSync(here('equipment-list.xlsx'), writeXlsx(XLSX_SHEETS));
  console.log('wrote police-video-analytics-tender.docx, campus-cctv-rfq.pdf, equipment-list.xlsx');
}
