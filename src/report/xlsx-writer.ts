/** XLSX output with exceljs: one sheet per table, bold frozen header, formula-looking text neutralised. */
import { neutraliseCell } from './escape.ts';
import type { Cell } from './csv-writer.ts';

export interface SheetSpec {
  name: string;
  headers: string[];
  rows: Cell[][];
}

function cellValue(c: Cell): string | number | boolean | null {
  if (c === undefined || c === null) return null;
  if (typeof c === 'number' || typeof c === 'boolean') return c;
  return neutraliseCell(c);
}

export async function xlsxBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  // loaded on first use: exceljs takes most of a second to import, and most runs read or write no XLSX
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sightline';
  for (const spec of sheets) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ]
    const ws = wb.addWorksheet(spec.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    ws.addRow(spec.headers.map(neutraliseCell));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of spec.rows) ws.addRow(r.map(cellValue));
    spec.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
