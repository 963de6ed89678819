/** sources/record-store: records packed as read come back as readSources reads them, facts and duplicates included. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSources, startReading } from '../../src/sources/index.js';
import { RecordStore } from '../../src/sources/record-store.js';
import type { HubRecord } from '../../src/model/record.js';
import { writeSynthetic } from '../../bench/generate.js';
import { FIXTURES, SOURCES, tempDir } from '../helpers/paths.js';

const asJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('sources/record-store', function () {
  this.timeout(120_000);

  it('sources/record-store gives back every record as readSources reads it, with the facts of its description', async function () {
    const dir = join(tempDir(), 'syn');
    writeSynthetic(20, dir);
    const inputs = [join(FIXTURES, 'registries', 'jrc-excerpt.ngsi-ld.json'), join(FIXTURES, 'registries', 'edih-excerpt.csv'), SOURCES, dir];
    const expected = await readSources(inputs);
    const kept: number[] = [];
    const store = new RecordStore((_record, index) => kept.push(index));
    const read = await startReading(inputs, store);
    const diagnostics = [...read.diagnostics, ...(await read.enriched), ...read.unread];
    assert.deepEqual(diagnostics, expected.diagnostics);
    assert.equal(store.length, expected.records.length);
    const all = store.all();
    for (const [i, r] of expected.records.entries()) assert.deepStrictEqual(all[i], asJson(r), `record ${i}`);
    // the prose of registry records added organisations: the facts were packed and applied
    const enriched = expected.records.filter((r) => r.entities.some((e) => e.key !== r.hub && e.provenance?.span !== undefined));
    assert.ok(enriched.length > 0, 'some registry record gained entities from its description');
    assert.deepEqual(kept, [...expected.records.keys()], 'no duplicates here: every record kept');
    assert.deepEqual(store.outlines().map((r) => [r.source, r.hub]), expected.records.map((r) => [asJson(r.source), r.hub]));
  });

  it('sources/record-store marks a later record with an earlier one\'s id as a duplicate, naming both places, and keeps its neighbours', function () {
    const record = (id: string, line: number): HubRecord => ({ source: { registry: 'r', id, file: 'f.yaml', line }, hub: 'hub', entities: [], relations: [] });
    const kept: number[] = [];
    const store = new RecordStore((_r, i) => kept.push(i));
    for (const r of [record('a', 1), record('b', 5), record('a', 9), record('c', 12)]) store.add(r);
    assert.deepEqual(kept, [0, 1, 3]);
    assert.deepEqual([...store.duplicateAt.keys()], [2]);
    assert.deepEqual(store.duplicateAt.get(2), { severity: 'error', file: 'f.yaml', line: 9, record: 'a', field: 'source.id', message: 'duplicate record id r/a (first in f.yaml:1); this record is skipped' });
    assert.equal(store.get(3).source.id, 'c');
  });

  it('sources/record-store refuses facts for a record it does not hold', function () {
    const store = new RecordStore();
    assert.throws(() => store.addFacts(0, { entities: [], relations: [], diagnostics: [], hub: {} } as never), RangeError);
  });
});
