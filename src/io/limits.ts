/**
 * What a single input may cost, named in one place. The ZIP guard's limits (entries, total bytes,
 * ratio, nesting) live with it in zip.ts; these are the caps on what the readers behind it build.
 * Each is checked where the data is first seen and refused (or cut, for findings) with a message
 * that names the limit, so a user knows which one was reached.
 */
export interface InputLimits {
  /** Bytes all compressed (FlateDecode) streams of one PDF may inflate to, together. */
  pdfInflatedBytes: number;
  /** Inflated / compressed, for a PDF stream inflating to more than 1 MB. */
  pdfStreamRatio: number;
  /** Bytes of one Word part's XML (word/document.xml…): mammoth holds it as a DOM, about 40× its size. */
  docxXmlBytes: number;
  /** Bytes of sheet XML (worksheets and shared strings) in one workbook: exceljs holds about 9× that. */
  xlsxXmlBytes: number;
  /** Findings listed per document; the rest are counted ("and N more") and summarised, not listed. */
  listedFindings: number;
  /** Definitions of one object number in a PDF (incremental updates redefine a few; pdfjs tries each in turn). */
  pdfObjectDefinitions: number;
  /** Characters of one name (name, alias, …) of a list entity on import. */
  nameChars: number;
  /** Elements nested inside one another in an HTML document or e-mail body (html-to-text recurses per level). */
  htmlDepth: number;
}

export const INPUT_LIMITS: InputLimits = {
  pdfInflatedBytes: 256 * 1024 * 1024,
  pdfStreamRatio: 100,
  docxXmlBytes: 20 * 1024 * 1024,
  xlsxXmlBytes: 64 * 1024 * 1024,
  pdfObjectDefinitions: 100,
  listedFindings: 1000,
  nameChars: 1000,
  htmlDepth: 1000,
};

/** "20 MB", "1.5 MB": sizes in limit messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
