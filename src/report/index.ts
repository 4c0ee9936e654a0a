/** Shared report pieces: escaping, the screening certificate, the HTML shell, CSV and XLSX writers. */
export { escapeHtml, neutraliseCell } from './escape.ts';
export { html, htmlDocument, SafeHtml, REPORT_CSS } from './html.ts';
export { csvLine, toCsv, withBom, UTF8_BOM, type Cell } from './csv-writer.ts';
export { table } from './text-table.ts';
export { xlsxBuffer, type SheetSpec } from './xlsx-writer.ts';
export {
  buildCertificate,
  certificateHtml,
  certificateText,
  type Certificate,
  type CertificateArgs,
  type CertificateRule,
  type CertificateSource,
} from './certificate.ts';
