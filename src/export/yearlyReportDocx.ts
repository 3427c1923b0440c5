import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Messages } from '../i18n';
import { sparkline } from './sparkline';
import type { ReportContent } from './yearlyReportContent';

const cell = (text: string, options: { bold?: boolean } = {}) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold ?? false })] })] });
const headerRow = (titles: string[]) => new TableRow({ tableHeader: true, children: titles.map((t) => cell(t, { bold: true })) });
const table = (rows: TableRow[]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
const bullets = (lines: string[], none: string) => (lines.length ? lines.map((text) => new Paragraph({ text, bullet: { level: 0 } })) : [new Paragraph(none)]);

/**
 * The yearly report as a Word document (docx): per focus area and activity a table of the
 * criteria with the year's figure, the year's target, the judgement, a small chart and an empty
 * comment cell for the secretariat; then the indicators, milestones and meetings.
 */
export async function yearlyReportDocx(m: Messages, c: ReportContent): Promise<Buffer> {
  const y = m.yearlyReport;
  const col = y.columns;
  const children: (Paragraph | Table)[] = [heading(c.title, HeadingLevel.TITLE), new Paragraph(c.intro)];
  for (const area of c.areas) {
    children.push(heading(area.name, HeadingLevel.HEADING_1));
    for (const holder of area.holders) {
      children.push(heading(holder.name, HeadingLevel.HEADING_2));
      if (holder.figures) children.push(new Paragraph(holder.figures));
      const rows = holder.rows.map((r) => {
        const png = r.series ? sparkline(r.series) : undefined;
        const chart = png
          ? new TableCell({ children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 120, height: 30 }, altText: { name: r.key, title: y.chartAlt(r.criterion), description: y.chartAlt(r.criterion) } })] })] })
          : cell('');
        return new TableRow({ children: [cell(r.criterion), cell(r.actual), cell(r.goal), cell(r.judgement), chart, cell('')] });
      });
      children.push(table([headerRow([col.criterion, col.actual, col.goal, col.judgement, col.chart, col.comment]), ...rows]));
    }
  }
  const ic = y.indicatorColumns;
  children.push(heading(y.indicators, HeadingLevel.HEADING_1));
  children.push(
    c.indicators.length
      ? table([headerRow([ic.name, ic.value, ic.period, ic.baseline, ic.judgement, ic.source]), ...c.indicators.map((i) => new TableRow({ children: [i.name, i.value, i.period, i.baseline, i.judgement, i.source].map((t) => cell(t)) }))])
      : new Paragraph(y.none),
  );
  children.push(heading(y.milestones, HeadingLevel.HEADING_1));
  for (const [title, lines] of [
    [y.reached, c.milestones.reached],
    [y.moved, c.milestones.moved],
    [y.overdue, c.milestones.overdue],
    ...(c.milestones.notReached.length ? [[y.notReached, c.milestones.notReached] as const] : []),
  ] as const) {
    children.push(heading(title, HeadingLevel.HEADING_2), ...bullets([...lines], y.none));
  }
  children.push(heading(y.meetings, HeadingLevel.HEADING_1));
  children.push(
    c.meetings.length
      ? table([headerRow([m.dashboard.cadenceColumns.network, m.dashboard.cadenceColumns.detail, col.judgement]), ...c.meetings.map((x) => new TableRow({ children: [cell(x.text), cell(x.detail), cell(x.judgement)] }))])
      : new Paragraph(y.none),
  );
  const doc = new Document({ creator: 'Logbog', title: c.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
