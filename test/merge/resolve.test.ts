/** merge: entity resolution measured on hand-labelled pairs, blocking, determinism, hard cases. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSources } from '../../src/sources/index.js';
import { mergeRecords } from '../../src/merge/index.js';
import { resolve } from '../../src/merge/resolve.js';
import { evaluatePairs, hubsByRecord, parsePairs } from '../../src/merge/evaluate.js';
import { registrableDomain } from '../../src/merge/features.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { DEFAULT_BASE } from '../../src/vocab/namespaces.js';
import type { HubRecord } from '../../src/model/record.js';
import { FIXTURES, SHARED, SOURCES } from '../helpers/paths.js';

const REG = join(SHARED, 'data', 'registries');

describe('merge/resolve', function () {
  this.timeout(120_000);
  let records: HubRecord[];
  before(async function () {
    records = (await readSources([join(REG, 'jrc-dih-tool-2022.ngsi-ld.json'), join(REG, 'edih-catalogue-2025.xlsx'), SOURCES])).records;
  });

  it('merge/resolve reaches precision >= 0.95 and recall >= 0.9 on the hand-labelled pairs', function () {
    const pairs = parsePairs(readFileSync(join(FIXTURES, 'pairs', 'registry-pairs.tsv'), 'utf8'));
    assert.ok(pairs.length >= 60 && pairs.some((p) => p.same) && pairs.some((p) => !p.same));
    const merge = mergeRecords(records, loadConcepts(DEFAULT_BASE), DEFAULT_BASE);
    const o = evaluatePairs(pairs, hubsByRecord(merge.hubs));
    assert.deepEqual(o.missing, [], 'every labelled record is in the build');
    assert.ok(o.precision >= 0.95, `precision ${o.precision}`);
    assert.ok(o.recall >= 0.9, `recall ${o.recall}`);
  });

  it('merge/resolve compares only blocked pairs, far fewer than n^2', function () {
    const r = resolve(records);
    const n = records.length;
    assert.ok(r.candidatePairs < (n * (n - 1)) / 2 / 100, `${r.candidatePairs} candidate pairs for ${n} records`);
  });

  it('merge/resolve merges PRODUTECH across www.produtech.org, dih.produtech.org and the curated page', function () {
    const merge = mergeRecords(records, loadConcepts(DEFAULT_BASE), DEFAULT_BASE);
    const hub = merge.hubs.find((h) => h.links.some((l) => l.recordId === '4621'));
    assert.equal(hub?.iri, 'https://w3id.org/dih/hub/produtech-digital-innovation-hub-national-platform');
    assert.deepEqual(hub?.links.map((l) => `${l.registry}/${l.recordId}`).sort(), ['edih/188-PRODUTECH DIH', 'jrc/4621', 'produtech/produtech-dih-national-platform']);
    const conflict = merge.conflicts.find((c) => c.hub === hub?.iri && c.property.endsWith('homepage'));
    assert.deepEqual([conflict?.a.value, conflict?.b.value].sort(), ['http://www.produtech.org/', 'https://dih.produtech.org/en']);
  });

  it('merge/resolve keeps two hubs of one host domain apart (Sirris, icent.hr)', function () {
    const hubOf = hubsByRecord(mergeRecords(records, loadConcepts(DEFAULT_BASE), DEFAULT_BASE).hubs);
    const find = (prefix: string) => [...hubOf].find(([k]) => k.startsWith(prefix))?.[1];
    assert.notEqual(find('jrc/1170'), find('edih/129-'));
    assert.notEqual(find('edih/42-'), find('edih/44-'));
    assert.equal(find('jrc/1173'), find('edih/129-'), 'the additive manufacturing hub of Sirris is matched by name');
  });

  it('merge/resolve gives the same hubs and links whatever the input order', function () {
    const concepts = loadConcepts(DEFAULT_BASE);
    const a = mergeRecords(records, concepts, DEFAULT_BASE);
    const b = mergeRecords([...records].reverse(), concepts, DEFAULT_BASE);
    assert.equal(a.files.get('links.csv'), b.files.get('links.csv'));
    assert.equal(a.files.get('conflicts.csv'), b.files.get('conflicts.csv'));
  });

  it('merge/features finds registrable domains below second-level suffixes', function () {
    assert.equal(registrableDomain('dih.produtech.org'), 'produtech.org');
    assert.equal(registrableDomain('inno.feit.ukim.edu.mk'), 'ukim.edu.mk');
    assert.equal(registrableDomain('www.idea-london.co.uk'), 'idea-london.co.uk');
  });
});
