/**
 * Hostile and unusual pages: an empty page, a 5 MB page, binary junk, another language, names
 * with markup and quotes. Each gives a clear diagnostic or a best-effort record, never a crash,
 * and the Turtle written for the record parses back to the same graph.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { extractPage } from '../../src/extract/page.js';
import { readCataloguePage } from '../../src/sources/catalogue-page.js';
import { mapRecord } from '../../src/map/record-to-quads.js';
import { IriMinter } from '../../src/map/iri.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { DEFAULT_BASE, prefixesFor } from '../../src/vocab/namespaces.js';
import { toTurtle } from '../../src/publish/serialize.js';
import type { HubRecord } from '../../src/model/record.js';
import { tripleSet } from '../helpers/graph.js';
import { FIXTURES } from '../helpers/paths.js';

const PAGES = join(FIXTURES, 'pages');
const page = (name: string) => readFileSync(join(PAGES, name), 'utf8');

async function turtleRoundTrip(record: HubRecord): Promise<void> {
  const { quads } = mapRecord(record, { minter: new IriMinter(DEFAULT_BASE), concepts: loadConcepts(), language: 'en' });
  const ttl = await toTurtle(quads, prefixesFor(DEFAULT_BASE));
  const back = new Parser({ format: 'application/trig' }).parse(ttl);
  assert.deepEqual(tripleSet(back), tripleSet(quads));
}

function assertExactSpans(text: string, record: HubRecord): void {
  const spans = [
    ...record.entities.flatMap((e) => [e.provenance, e.status?.provenance, e.hubType?.provenance, ...[...e.types, ...e.sectors, ...e.technologies, ...e.memberTypes, ...e.memberSectors].map((c) => c.provenance)]),
    ...record.relations.map((r) => r.provenance),
  ].flatMap((p) => (p?.span ? [p.span] : []));
  for (const s of spans) assert.equal(text.slice(s.start, s.end), s.exact);
}

describe('extract/robustness: hostile pages give a message or a best-effort record', function () {
  it('extract/empty page: an error naming the file, no record', function () {
    for (const text of ['', '   \n\n  \t\n']) {
      const r = extractPage(text, { file: 'empty.txt' });
      assert.equal(r.record, undefined);
      assert.match(r.diagnostics[0]?.message ?? '', /empty/);
      assert.equal(r.diagnostics[0]?.file, 'empty.txt');
    }
  });

  it('extract/binary junk: an error saying it is not text', function () {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('utf8');
    const r = readCataloguePage(junk, 'junk.txt');
    assert.deepEqual(r.records, []);
    assert.match(r.diagnostics[0]?.message ?? '', /does not look like text/);
  });

  it('extract/5 MB page: a best-effort record in bounded time, spans exact', async function () {
    this.timeout(60_000);
    const paragraph = `${page('other-wording.txt').split('\n\n')[3]}\n\n`;
    const text = `Big Hub DIH\n\n${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}fully operational\n`;
    assert.ok(text.length >= 5_000_000);
    const started = Date.now();
    const r = extractPage(text, { file: 'big.txt' });
    assert.ok(r.record, JSON.stringify(r.diagnostics));
    assert.ok(Date.now() - started < 50_000);
    assert.ok(r.diagnostics.some((d) => /not read/.test(d.message)), 'the cut is reported');
    assertExactSpans(text, r.record);
    await turtleRoundTrip(r.record);
  });

  it('extract/other wording: run by, coordinated by, umbrella, contact point, founding member, status in another case', function () {
    const text = page('other-wording.txt');
    const { record } = extractPage(text, { file: 'other-wording.txt' });
    assert.ok(record);
    const name = (k: string) => record.entities.find((e) => e.key === k)?.name;
    const rels = record.relations.map((r) => `${name(r.holder)} ${r.role.label} ${name(r.target)}`).sort();
    assert.deepEqual(rels, [
      'Flanders Make Network umbrella of Robotics Valley DIH',
      'Robotics Valley DIH contact point for Vlaanderen Digitaal',
      'Robotics Valley DIH founding member of Benelux Robotics Alliance',
      'University of Leuven coordinates Robotics Valley DIH',
      'Valley Robotics Association runs Robotics Valley DIH',
    ].sort());
    // "the Vlaanderen Digitaal initiative": the kind word types the name (and is no region, though Vlaanderen is one)
    const initiative = record.entities.find((e) => e.name === 'Vlaanderen Digitaal');
    assert.equal(initiative?.kind, 'initiative');
    assert.deepEqual(initiative?.types.map((t) => t.iri), [`${DEFAULT_BASE}concept/organisation-type/initiative`]);
    const hub = record.entities.find((e) => e.key === record.hub);
    assert.equal(hub?.status?.iri, `${DEFAULT_BASE}concept/status/partially-operational`);
    assert.deepEqual(hub?.technologies.map((t) => t.label), ['robotics', 'artificial intelligence']);
    assert.deepEqual(hub?.sectors.map((t) => t.label), ['food industry']);
    assert.equal(hub?.technologies.some((t) => /regions/i.test(t.label)), false, 'the banner is not read as prose');
    assertExactSpans(text, record);
  });

  it('extract/hostile names: markup, quotes and > are kept as text and the Turtle parses back', async function () {
    const text = page('hostile-names.txt');
    const { record } = extractPage(text, { file: 'hostile-names.txt' });
    assert.ok(record);
    assert.equal(record.entities.find((e) => e.key === record.hub)?.name, 'Evil <script>alert(1)</script> Hub "quoted" > DIH');
    assert.ok(record.relations.length >= 1);
    assertExactSpans(text, record);
    await turtleRoundTrip(record);
  });

  it('extract/other language: the hub name, no invented facts, the unknown status reported', async function () {
    const text = page('other-language.txt');
    const { record, diagnostics } = extractPage(text, { file: 'other-language.txt' });
    assert.equal(record?.entities.find((e) => e.key === record.hub)?.name, 'Centro de Innovación Digital de Aragón');
    assert.deepEqual(record?.relations, []);
    assert.ok(diagnostics.some((d) => d.field === 'status' && /plenamente operativo/.test(d.message)), JSON.stringify(diagnostics));
    await turtleRoundTrip(record as HubRecord);
  });
});
