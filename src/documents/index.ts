/**
 * Document scanning: finds listed firms and surveillance capabilities in tenders and procurement
 * papers (Chinese and English) — PDF, DOCX, XLSX, HTML, e-mail, text in any common encoding, ZIP.
 */
export { createScanner, detectLanguage } from './scanner.ts';
export type {
  DocumentHit,
  DocumentResult,
  EntityListing,
  EntityRow,
  ExtractedDocument,
  Language,
  ScanLimits,
  ScanProgress,
  Scanner,
  ScannerOptions,
  Severity,
  TextPart,
} from './types.ts';
export { DEFAULT_LIMITS } from './types.ts';
export { normaliseText, normaliseTerm, type Normalised } from './normalise.ts';
export { loadLexicon, parseLexicon, type Lexicon, type TermDef } from './lexicon.ts';
export { extractBuffer } from './extract/extract.ts';
