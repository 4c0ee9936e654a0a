/** Escaping for report output: every value from input files or lists may contain markup or formulas. */

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Spreadsheet formula injection: a cell beginning with = + - @ (or tab / CR) is run as a formula by Excel and
 * LibreOffice. Such cells get a leading apostrophe (OWASP "CSV injection").
 */
export function neutraliseCell(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
