/** Public shapes of the document scanner (the CLI `sightline scan` and the HTML report render these). */

export interface EntityListing {
  list: string;
  since?: string;
  citation?: string;
}

/** One party the scanner looks for: every name and alias in every script, with its listings. */
export interface EntityRow {
  id: string;
  caption: string;
  names: string[];
  listings?: EntityListing[];
}

export type Severity = 'high' | 'medium' | 'low';

export interface DocumentHit {
  type: 'entity' | 'capability';
  /** Original text as it stands in the document (original.slice(start, end)). */
  text: string;
  /** Normalised matched term (simplified, lower-case; for evasions the Hanzi term, e.g. 公安 for "gong安"). */
  term: string;
  /** Plain-English category: 'face recognition', 'watch-list alarm', 'listed firm', … */
  category: string;
  severity: Severity;
  /** English gloss. */
  gloss: string;
  entity: { id: string; caption: string } | null;
  listings?: EntityListing[];
  page: number | null;
  sheet?: string;
  /** Spreadsheet cell (A1 style) when the hit lies inside one cell. */
  cell?: string;
  /** Archive member or e-mail attachment the hit is in ("specs/tender.docx"). */
  member?: string;
  /** 1-based paragraph number (DOCX, e-mail, HTML, text). */
  paragraph?: number;
  /** Offsets in the ORIGINAL extracted text of that page/part. */
  start: number;
  end: number;
  /** Surrounding text with the hit marked «…». */
  snippet: string;
  /** e.g. 'evasion: mixed Latin/Hanzi', 'traditional characters', 'stated accuracy 97%'. */
  notes?: string[];
  /** Capability hits: the clause or sentence the hit lies in, quoted as written (the citation). */
  clause?: string;
  /** Lexicon sources (seed article ids) for capability hits. */
  sources?: string[];
}

export type Language = 'zh' | 'en' | 'mixed' | 'unknown';

export interface DocumentResult {
  path: string;
  language: Language;
  pages?: number;
  /** Listed hits: at most INPUT_LIMITS.listedFindings (src/io/limits.ts) per document. */
  hits: DocumentHit[];
  /** Hits found beyond the listed ones: counted in `summary`, not listed. */
  unlistedHits?: number;
  /** Counts of all hits found, listed or not. */
  summary: { entities: number; capabilities: number; high: number; text: string };
  warnings: string[];
  error?: string;
}

/** Where a piece of extracted text came from inside the document. */
export interface TextPart {
  text: string;
  page?: number;
  sheet?: string;
  /** Archive member or e-mail attachment this text came from. */
  member?: string;
  /** Paragraphs are separated by blank lines (DOCX, HTML, e-mail, text): hits get a paragraph number. */
  paragraphs?: boolean;
  /** Text read by OCR from a page image (a scan without a text layer). */
  ocr?: boolean;
  /** For spreadsheets: original offsets of each cell in `text` (sorted by start). */
  cells?: { ref: string; start: number; end: number }[];
}

export interface ExtractedDocument {
  path: string;
  format: string;
  parts: TextPart[];
  pages?: number;
  warnings: string[];
}

export interface ScanLimits {
  /** Largest file read (bytes). Default 100 MB; SIGHTLINE_SCAN_MAX_BYTES sets the CLI default. */
  maxFileBytes: number;
  /** ZIP archives (and DOCX/XLSX containers): most entries, total uncompressed bytes, worst ratio, nesting. */
  maxZipEntries: number;
  maxZipTotalBytes: number;
  maxZipRatio: number;
  maxZipDepth: number;
  /** OCR of scanned PDF pages (default: from SIGHTLINE_TESSERACT and SIGHTLINE_OCR_*). */
  ocr?: import('./extract/ocr.ts').OcrSettings;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxZipTotalBytes: 500 * 1024 * 1024,
  maxZipRatio: 100,
  maxZipDepth: 3,
};

export interface ScanProgress {
  done: number;
  path: string;
  hits: number;
}

export interface ScannerOptions {
  entities: EntityRow[];
  limits?: Partial<ScanLimits>;
  /** Characters of context on each side of a hit in its snippet (default 30). */
  snippetChars?: number;
}

export interface Scanner {
  scanText(text: string, where?: { page?: number; sheet?: string }): DocumentHit[];
  scanFile(path: string): Promise<DocumentResult>;
  scanPaths(paths: string[], onProgress?: (p: ScanProgress) => void): AsyncIterable<DocumentResult>;
}
