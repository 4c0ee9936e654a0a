/** The §889 disclosure draft as a Word document (docx 9.7), for counsel to edit and complete. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { type DisclosedItem, type DisclosureDraft, FIELDS, representationLines } from './disclosure.ts';

const para = (text: string, opts: { bold?: boolean; italics?: boolean; color?: string } = {}) => new Paragraph({ children: [new TextRun({ text, ...opts })] });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });

function rows(pairs: [string, string][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: pairs.map(
      ([k, v]) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [para(k, { bold: true })] }),
            new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [para(v)] }),
          ],
        }),
    ),
  });
}

function item(it: DisclosedItem, i: number): (Paragraph | Table)[] {
  return [
    heading(`Item ${i + 1}: ${it.brand} ${it.model}`, HeadingLevel.HEADING_3),
    rows([
      ['(e)(1)(i) Entity that produced it', it.entity],
      ['(e)(1)(ii) Brand', it.brand],
      ['(e)(1)(ii) Model number', it.model],
      ['Device', it.device],
      ['Lists', it.lists.join('; ')],
      ['Basis', `${it.rule}. ${it.evidence.join('; ')}`],
      ['(e)(1)(iii) Use', FIELDS.use],
      ['Phase-out plan', FIELDS.phaseOut],
    ]),
  ];
}

export async function disclosureDocx(d: DisclosureDraft): Promise<Buffer> {
  const q = d.inquiry;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: d.label, bold: true, color: 'B3261E' })] }),
    heading('Representation regarding covered telecommunications equipment or services', HeadingLevel.HEADING_1),
    para('FAR 52.204-24 (offers) and 52.204-26 (annual representation); NDAA FY2019 §889(a)(1)(A) and (B).', { italics: true }),
    heading('Representations', HeadingLevel.HEADING_2),
    ...representationLines(d).map((l) => para(l)),
    heading(`Disclosure — FAR 52.204-24(e)(2): covered equipment used (${d.covered.length} items)`, HeadingLevel.HEADING_2),
    ...d.covered.flatMap(item),
  ];
  if (d.toConfirm.length) {
    children.push(heading(`To confirm before signing (${d.toConfirm.length}): weak signals only, not disclosed above`, HeadingLevel.HEADING_2));
    for (const it of d.toConfirm) children.push(para(`${it.device}: ${it.brand} — ${it.rule}`));
  }
  children.push(
    heading('Record of the reasonable inquiry', HeadingLevel.HEADING_2),
    rows([
      ['Performed', `${q.performedAt}, lists as of ${q.asOf}`],
      ['Inputs examined', `${q.inputs} (sha256 ${q.inputSha256}); ${q.devicesExamined} devices`],
      ['Rules applied', q.rules.join('; ')],
      ['List versions', q.lists.join('; ')],
      ['Tool and run', `${q.tool}, run ${q.runId}`],
    ]),
    para(
      'A network inventory finds only equipment that answered on the network at the time of the scan; equipment and services used through suppliers, cloud services or unmanaged networks need their own inquiry.',
      { italics: true },
    ),
  );
  const doc = new Document({ title: 'DRAFT §889 representation (for counsel)', creator: `${q.tool}`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
