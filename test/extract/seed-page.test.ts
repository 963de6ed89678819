/**
 * The extraction of the PRODUTECH seed page gives the same graph as the curated record of it,
 * provenance aside (annotations, PROV-O and source-record quads dropped); every span is exact.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { extractPage } from '../../src/extract/page.js';
import { readYamlRecords } from '../../src/sources/yaml-record.js';
import { readCataloguePage } from '../../src/sources/catalogue-page.js';
import { recordToYaml } from '../../src/extract/to-yaml.js';
import { mapRecord } from '../../src/map/record-to-quads.js';
import { IriMinter } from '../../src/map/iri.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { DEFAULT_BASE, prov } from '../../src/vocab/namespaces.js';
import type { HubRecord } from '../../src/model/record.js';
import { readSources } from '../../src/sources/index.js';
import { diffSets, tripleSet } from '../helpers/graph.js';
import { SOURCES } from '../helpers/paths.js';

const PAGE = join(SOURCES, 'produtech', 'produtech-dih-catalogue-page.txt');
const CURATED = join(SOURCES, 'produtech', 'produtech-dih.yaml');

/** The facts of a record: its quads minus annotations, PROV-O and the source-record description. */
export function factTriples(record: HubRecord): Set<string> {
  const { quads } = mapRecord(record, { minter: new IriMinter(DEFAULT_BASE), concepts: loadConcepts(), language: 'en' });
  const facts = quads.filter((q: Quad) => q.graph.termType !== 'DefaultGraph' && !q.subject.value.startsWith(`${DEFAULT_BASE}source/`) && q.predicate.value !== prov.wasDerivedFrom);
  return tripleSet(facts);
}

function spansOf(record: HubRecord): { exact: string; start: number; end: number }[] {
  const out: { exact: string; start: number; end: number }[] = [];
  const add = (p?: { span?: { exact: string; start: number; end: number } }) => p?.span && out.push(p.span);
  for (const e of record.entities) {
    add(e.provenance);
    for (const r of [e.status, e.hubType, ...e.types, ...e.sectors, ...e.technologies, ...e.memberTypes, ...e.memberSectors]) add(r?.provenance);
  }
  for (const r of record.relations) add(r.provenance);
  return out;
}

describe('extract/seed page: the PRODUTECH page extracted equals the curated record', function () {
  const text = readFileSync(PAGE, 'utf8');
  const extracted = extractPage(text, { file: 'sources/produtech/produtech-dih-catalogue-page.txt', registry: 'produtech' });
  const curated = readYamlRecords(readFileSync(CURATED, 'utf8'), 'sources/produtech/produtech-dih.yaml');

  it('extract/seed page yields one record and no error', function () {
    assert.ok(extracted.record);
    assert.deepEqual(extracted.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('extract/seed page gives the same triples as sources/produtech/produtech-dih.yaml, provenance aside', function () {
    const a = factTriples(extracted.record as HubRecord);
    const b = factTriples(curated.records[0] as HubRecord);
    const diff = diffSets(a, b);
    assert.deepEqual(diff, { onlyA: [], onlyB: [] }, `extracted-only: ${diff.onlyA.join('\n')}\ncurated-only: ${diff.onlyB.join('\n')}`);
  });

  it('extract/seed page: every fact has a span with text.slice(start, end) === exact and a confidence', function () {
    const record = extracted.record as HubRecord;
    const spans = spansOf(record);
    assert.ok(spans.length > 30, `expected spans on every fact, got ${spans.length}`);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.exact);
    for (const e of record.entities) assert.ok(e.provenance?.confidence !== undefined, `entity ${e.key} has a confidence`);
    for (const r of record.relations) assert.ok((r.provenance?.confidence ?? -1) > 0, `relation ${r.role.label} has a confidence`);
  });

  it('extract/seed page: the banner is not the hub\'s technology, iMan Norte\'s focus is iMan\'s', function () {
    const record = extracted.record as HubRecord;
    const hub = record.entities.find((e) => e.key === record.hub);
    assert.deepEqual(hub?.technologies, []);
    const iman = record.entities.find((e) => e.name === 'iMan Norte Hub');
    assert.deepEqual(iman?.technologies.map((t) => t.label).sort(), ['cyber physical systems', 'robotics']);
  });

  it('extract/to-yaml: the YAML written for the page reads back into the same graph', function () {
    const yaml = recordToYaml(extracted.record as HubRecord, extracted.diagnostics);
    const back = readYamlRecords(yaml, 'record.yaml');
    assert.deepEqual(back.diagnostics.filter((d) => d.severity === 'error'), []);
    const diff = diffSets(factTriples(back.records[0] as HubRecord), factTriples(extracted.record as HubRecord));
    assert.deepEqual(diff, { onlyA: [], onlyB: [] });
    const spans = spansOf(back.records[0] as HubRecord);
    assert.ok(spans.length > 30);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.exact);
  });

  it('sources/index: a page transcribed by a curated record is not extracted again', async function () {
    const read = await readSources([join(SOURCES, 'produtech')]);
    assert.deepEqual(read.records.map((r) => r.source.file), ['produtech/produtech-dih.yaml']);
  });

  it('sources/catalogue-page: a page alone is read as a record of its folder', function () {
    const r = readCataloguePage(text, 'pages/x.txt');
    assert.equal(r.records[0]?.source.registry, 'pages');
    assert.equal(r.records[0]?.source.document, 'x.txt');
  });
});
