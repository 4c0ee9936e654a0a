/**
 * The input layer: the one place that turns a user's file into text, records, rows or XML nodes.
 * May import only src/errors.ts and libraries; every capability reads its files through here.
 */
export { containerKind, decodeBytes, decodeChunks, detectEncoding, readHead, readText, SNIFF_BYTES, type Detected } from './encoding.ts';
export { csvRecords, sniffDelimiter, type CsvOptions, type CsvRecord } from './csv.ts';
export { checkDepth, checkZip, DEFAULT_ZIP_LIMITS, isZip, readZip, readZipFile, unsafeName, type ZipLimits, type ZipMember } from './zip.ts';
export { cellText, plainValue, readXlsx, readXlsxBuffer, refuseUnsafeParts, type CellValue, type Sheet, type SheetRow } from './xlsx.ts';
export {
  findAll,
  kid,
  kids,
  kidText,
  localName,
  parseXml,
  refuseDtd,
  xmlStream,
  xmlSubtrees,
  type XmlHandlers,
  type XmlNode,
  type XmlStream,
  type XmlTag,
} from './xml.ts';
export { detectColumns, headerKey, parseFieldMap, type DetectOptions } from './columns.ts';
export { checkPdfStreams } from './pdf-guard.ts';
