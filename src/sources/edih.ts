/**
 * Reader for the EDIH catalogue's "Download Data" export: the XLSX a user downloads (read with
 * exceljs) and its CSV (read with csv-parse). Both become the same row model, then one HubRecord per
 * row. The catalogue has no identifiers: a record is named by its spreadsheet row and hub name.
 */
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../model/diagnostics.js';
import { newEntity, type ConceptRef, type HubRecord } from '../model/record.js';
import { cell, checkWebsite, decodeHtmlEntities, splitLevelled } from './cleaning.js';
import { describeLater } from './enrich.js';
import { countryCode, REGISTRY_LICENSE } from './jrc.js';
import type { ReaderResult, SourceFile } from './index.js';

export const EDIH_PUBLISHER = 'European Commission, European Digital Innovation Hubs Network (EDIH catalogue), via third-party harvest';
export const EDIH_EXPORT_DATE = '2025-05';

/** The columns of the export, as its header row names them. */
export const EDIH_COLUMNS = [
  'EDIH Name', 'EDIH Title', 'Description (indexed field)', 'Country', 'Contact name', 'Contact Location',
  'EDIH/SoE', 'Website', 'Formatted sectors', 'Formatted services', 'Formatted technologies',
] as const;
export type EdihColumn = (typeof EDIH_COLUMNS)[number];

/** One data row: its spreadsheet row number (header = 1), the file line it starts on, and its cells by header. */
export interface EdihRow {
  row: number;
  line: number;
  cells: Partial<Record<EdihColumn, string>>;
}

const LEVELLED: [EdihColumn, 'sectors' | 'services' | 'technologies'][] = [
  ['Formatted sectors', 'sectors'], ['Formatted services', 'services'], ['Formatted technologies', 'technologies'],
];

/** A row -> a record, or diagnostics naming the row and column when it cannot be one. */
export function edihRowToRecord(r: EdihRow, file: string): { record?: HubRecord; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const get = (c: EdihColumn) => cell(decodeHtmlEntities(r.cells[c] ?? ''));
  const short = get('EDIH Name');
  const title = get('EDIH Title');
  const name = title ?? short;
  const where = (field: EdihColumn, message: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ severity, file, line: r.line, record: `row ${r.row}${name ? ` (${name})` : ''}`, field, message });
  if (!name) return { diagnostics: [where('EDIH Title', 'a hub needs a name (EDIH Title or EDIH Name); row skipped', 'error')] };
  const hub = newEntity('hub', 'hub', name);
  if (short && short !== name) hub.altNames.push(short);
  const description = r.cells['Description (indexed field)']?.trim();
  if (description) hub.description = decodeHtmlEntities(description);
  const country = get('Country');
  if (country) hub.country = countryCode(country);
  else diagnostics.push(where('Country', 'no country'));
  const location = get('Contact Location');
  if (location) hub.address = { full: location, ...(country ? { country } : {}) };
  const kind = get('EDIH/SoE');
  if (kind) hub.hubType = { label: kind };
  const website = get('Website');
  if (website) {
    const site = checkWebsite(website);
    if (site.url) hub.homepage = site.url;
    else diagnostics.push(where('Website', `${site.problem}; not published`));
  }
  for (const [column, list] of LEVELLED) {
    const text = get(column);
    if (!text) continue;
    const { items, rest } = splitLevelled(text);
    if (rest) diagnostics.push(where(column, `text without a " - N" level was not read: ${JSON.stringify(rest.slice(0, 60))}`));
    const seen = new Set<string>();
    for (const { label, level } of items) {
      if (seen.has(label)) continue; // the export repeats some items ("Energy - 4" twice)
      seen.add(label);
      hub[list].push({ label, level } satisfies ConceptRef);
    }
  }
  const contact = get('Contact name');
  if (contact) hub.contactPoints = [{ personal: true, name: contact, field: 'Contact name' }];
  const record: HubRecord = {
    source: {
      registry: 'edih', id: `${r.row}-${short ?? name}`, identifier: `row ${r.row}: ${short ?? name}`, file, line: r.line,
      publisher: EDIH_PUBLISHER, license: REGISTRY_LICENSE, date: EDIH_EXPORT_DATE, scopedHub: true,
    },
    hub: 'hub',
    entities: [hub],
    relations: [],
  };
  describeLater(record, 'Description (indexed field)');
  return { record, diagnostics };
}

/** Rows -> records; the header is checked first, so a renamed column is one clear message. */
function rowsToRecords(header: string[], rows: EdihRow[], file: string): ReaderResult {
  const missing = EDIH_COLUMNS.filter((c) => !header.includes(c));
  if (missing.includes('EDIH Title') && missing.includes('EDIH Name')) {
    return { records: [], diagnostics: [{ severity: 'error', file, line: 1, message: `not an EDIH catalogue export: no "EDIH Title" or "EDIH Name" column (header: ${header.slice(0, 6).join(', ')})` }] };
  }
  const diagnostics: Diagnostic[] = missing.map((c) => ({ severity: 'warning', file, line: 1, field: c, message: 'column missing from the header; its values are not read' }));
  const records: HubRecord[] = [];
  for (const r of rows) {
    if (!Object.values(r.cells).some((v) => v?.trim())) continue;
    const out = edihRowToRecord(r, file);
    if (out.record) records.push(out.record);
    diagnostics.push(...out.diagnostics);
  }
  return { records, diagnostics };
}

/** Text of an exceljs cell value: strings, numbers, rich text, hyperlinks and formula results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((t) => t.text).join('');
  if (typeof v.text === 'string') return v.text;
  if (v.result !== undefined) return cellText(v.result as ExcelJS.CellValue);
  return '';
}

export async function readEdihXlsx(bytes: Buffer, file: SourceFile): Promise<ReaderResult> {
  // loaded here, not at start-up: half a second that only spreadsheet builds need
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return { records: [], diagnostics: [{ severity: 'error', file: file.name, message: `not a readable XLSX workbook: ${(err as Error).message}` }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { records: [], diagnostics: [{ severity: 'error', file: file.name, message: 'the workbook has no worksheet' }] };
  const header: string[] = [];
  sheet.getRow(1).eachCell((c, col) => void (header[col] = cellText(c.value).trim()));
  const rows: EdihRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells: EdihRow['cells'] = {};
    row.eachCell((c, col) => {
      const h = header[col];
      if (h && (EDIH_COLUMNS as readonly string[]).includes(h)) cells[h as EdihColumn] = cellText(c.value);
    });
    rows.push({ row: n, line: n, cells });
  });
  return rowsToRecords(header.filter(Boolean), rows, file.name);
}

export function readEdihCsv(text: string, file: SourceFile): ReaderResult {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    // An unclosed quote swallows the rest of the file; the rows before it are still good.
    const e = err as Error & { lines?: number };
    const opened = /opening quote at line (\d+)/.exec(e.message)?.[1];
    const stop = opened ? Number(opened) : e.lines;
    const problem: Diagnostic = { severity: 'error', file: file.name, ...(stop ? { line: stop } : {}), message: `CSV: ${e.message}; rows from this line on are not read` };
    const before = stop && stop > 1 ? text.split('\n').slice(0, stop - 1).join('\n') : '';
    if (!before || before.length >= text.length) return { records: [], diagnostics: [problem] };
    const partial = readEdihCsv(before, file);
    return { records: partial.records, diagnostics: [...partial.diagnostics, problem] };
  }
  const [head, ...body] = parsed;
  if (!head) return { records: [], diagnostics: [{ severity: 'error', file: file.name, message: 'empty CSV file' }] };
  const header = head.record.map((h) => h.trim());
  // csv-parse reports the line a record ends on; the record starts after the previous one ended.
  let previousEnd = head.info.lines;
  const ragged: Diagnostic[] = [];
  const rows: EdihRow[] = body.map(({ record, info }, i) => {
    const cells: EdihRow['cells'] = {};
    header.forEach((h, col) => {
      if ((EDIH_COLUMNS as readonly string[]).includes(h) && record[col] !== undefined) cells[h as EdihColumn] = record[col];
    });
    const row = { row: i + 2, line: previousEnd + 1, cells };
    previousEnd = info.lines;
    if (record.length !== header.length && record.some((v) => v.trim())) {
      ragged.push({ severity: 'warning', file: file.name, line: row.line, record: `row ${row.row}`, message: record.length > header.length ? `${record.length} cells, the header has ${header.length}: the cells beyond it are not read` : `${record.length} cells, the header has ${header.length}: the missing ones are read as empty` });
    }
    return row;
  });
  const result = rowsToRecords(header, rows, file.name);
  return { records: result.records, diagnostics: [...ragged, ...result.diagnostics] };
}
