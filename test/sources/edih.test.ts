/** Reader of the EDIH catalogue export: XLSX (exceljs) and CSV (csv-parse), one row model. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { readSources } from '../../src/sources/index.js';
import { splitLevelled, checkWebsite, decodeHtmlEntities, strippedKey } from '../../src/sources/cleaning.js';
import { FIXTURES, SHARED, tempDir } from '../helpers/paths.js';

const REG = join(SHARED, 'data', 'registries');
const CSV = join(FIXTURES, 'registries', 'edih-excerpt.csv');

describe('sources/edih', function () {
  it('sources/edih reads the real XLSX and CSV into the same 457 records (ids, names, levels)', async function () {
    const [x, c] = await Promise.all([readSources([join(REG, 'edih-catalogue-2025.xlsx')]), readSources([join(REG, 'edih-catalogue-2025.csv')])]);
    assert.equal(x.records.length, 457);
    const view = (rs: typeof x.records) => rs.map((r) => [r.source.id, r.entities[0]?.name, r.entities[0]?.hubType?.label, r.entities[0]?.technologies.map((t) => `${t.label}:${t.level}`).join('|')]);
    assert.deepEqual(view(x.records), view(c.records));
    const produtech = x.records.find((r) => r.source.id === '188-PRODUTECH DIH');
    assert.equal(produtech?.source.identifier, 'row 188: PRODUTECH DIH');
    assert.equal(produtech?.entities[0]?.homepage, 'https://dih.produtech.org/en');
    assert.ok(produtech?.entities[0]?.technologies.some((t) => t.label === 'New technologies for Audio-Visual sector - Media' && t.level === 3));
  });

  it('sources/edih reports the 35 "Website" cells and the 6 cut websites of the real export by row and column', async function () {
    const r = await readSources([join(REG, 'edih-catalogue-2025.csv')]);
    const web = r.diagnostics.filter((d) => d.field === 'Website');
    assert.equal(web.filter((d) => /holds no address/.test(d.message)).length, 35);
    assert.equal(web.filter((d) => /cut short/.test(d.message)).length, 6);
    assert.ok(web.every((d) => d.file === 'edih-catalogue-2025.csv' && /^row \d+/.test(d.record ?? '') && d.line !== undefined));
  });

  it('sources/edih reports a bad website cell and a row without a name, and still reads the good rows', async function () {
    const r = await readSources([CSV]);
    assert.deepEqual(r.records.map((x) => x.source.id), ['2-EXRAH', '3-BADWEB', '5-CUT']);
    const bad = r.diagnostics.find((d) => d.record?.startsWith('row 3'));
    assert.deepEqual([bad?.field, bad?.line], ['Website', 3]);
    assert.equal(r.records[1]?.entities[0]?.homepage, undefined, 'the word "Website" is not published as a web site');
    const noName = r.diagnostics.find((d) => d.record === 'row 4');
    assert.deepEqual([noName?.severity, noName?.field], ['error', 'EDIH Title']);
    const good = r.records[0]?.entities[0];
    assert.deepEqual(good?.sectors.map((s) => `${s.label}:${s.level}`), ['Manufacturing and processing:5', 'Energy:4', 'Energy, fuels and petroleum engineering:3']);
  });

  it('sources/edih reads an XLSX written by a spreadsheet program like its CSV', async function () {
    const rows = parse(readFileSync(CSV, 'utf8')) as string[][];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('EDIH Catalogue');
    for (const row of rows) ws.addRow(row);
    const path = join(tempDir(), 'edih-excerpt.xlsx');
    await wb.xlsx.writeFile(path);
    const [x, c] = await Promise.all([readSources([path]), readSources([CSV])]);
    const strip = (rs: typeof x.records) => rs.map((r) => ({ ...r, source: { ...r.source, file: '', line: 0 } }));
    assert.deepEqual(strip(x.records), strip(c.records));
  });

  it('sources/cleaning splits " - N" levels where labels hold commas and dashes', function () {
    assert.deepEqual(splitLevelled('Chemical engineering (plants, products) - 5, New technologies for Audio-Visual sector - Media - 3, Big data - 4'), {
      items: [{ label: 'Chemical engineering (plants, products)', level: 5 }, { label: 'New technologies for Audio-Visual sector - Media', level: 3 }, { label: 'Big data', level: 4 }],
      rest: '',
    });
    assert.equal(splitLevelled('Robotics - 5, trailing text').rest, 'trailing text');
  });

  it('sources/cleaning decodes HTML entities, checks website cells, and matches stripped accents', function () {
    assert.equal(decodeHtmlEntities('R&amp;D &#39;x&#39; &#x2019; &unknown;'), "R&D 'x' \u2019 &unknown;");
    assert.equal(checkWebsite('www.example.org').url, 'http://www.example.org/');
    for (const bad of ['Website', '/edih-catalogue/x', 'https://example.org/cut…']) assert.ok(checkWebsite(bad).problem, bad);
    assert.equal(strippedKey('Andalucía'), strippedKey('Andaluca'));
    assert.equal(strippedKey('Rua dos Plátanos'), strippedKey('Rua dos Pltanos'));
  });
});
