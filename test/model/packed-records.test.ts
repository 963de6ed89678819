/** PackedRecords gives back the records it was given, field for field, across its buffers. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PackedRecords } from '../../src/model/packed-records.js';
import { readSources } from '../../src/sources/index.js';
import { writeSynthetic } from '../../bench/generate.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

describe('model/packed-records', function () {
  this.timeout(120_000);
  it('model/packed-records gives back every record as read (example sources, a synthetic registry with prose and non-ASCII text)', async function () {
    const dir = join(tempDir(), 'syn');
    writeSynthetic(30, dir);
    const read = await readSources([SOURCES, dir]);
    const records = [...read.records, { source: { registry: 'r', id: 'ünïcødé ✓ 𝔘', file: 'f.yaml' }, hub: 'hub', entities: [], relations: [] }];
    const packed = new PackedRecords(records as never, 16 * 1024);
    assert.equal(packed.length, records.length);
    assert.ok(records.length > 60);
    // JSON.parse(JSON.stringify(r)) is what a record must survive: no undefined values, maps or dates
    for (const [i, r] of records.entries()) assert.deepStrictEqual(packed.get(i), JSON.parse(JSON.stringify(r)), `record ${i}`);
    for (const [i, r] of records.entries()) assert.deepEqual(packed.get(i), r, `record ${i} as read`);
    assert.throws(() => packed.get(records.length), RangeError);
    assert.ok(packed.byteLength < JSON.stringify(records).length / 3, 'kept compressed');
  });

  it('model/packed-records/blocks: records across many small blocks come back in any order, one bigger than a block too', async function () {
    const dir = join(tempDir(), 'syn');
    writeSynthetic(40, dir);
    const records = [...(await readSources([dir])).records];
    records.splice(7, 0, { source: { registry: 'r', id: 'long', file: 'f.yaml' }, hub: 'x'.repeat(5000), entities: [], relations: [] } as never);
    const packed = new PackedRecords(records as never, 1024);
    assert.ok(packed.byteLength > 0);
    // in order, backwards, and jumping between far blocks (more than the inflated blocks kept)
    const order = [...records.keys(), ...[...records.keys()].reverse(), ...[...records.keys()].flatMap((i) => [i, records.length - 1 - i, (i * 17) % records.length])];
    for (const i of order) assert.deepEqual(packed.get(i), JSON.parse(JSON.stringify(records[i])), `record ${i}`);
  });

  it('model/packed-records/add: records packed one at a time read back at once, from sealed blocks and the block being filled', async function () {
    const dir = join(tempDir(), 'syn');
    writeSynthetic(25, dir);
    const records = [...(await readSources([dir])).records];
    const packed = new PackedRecords<unknown>([], 2048);
    for (const [i, r] of records.entries()) {
      assert.equal(packed.add(r), i);
      // the record just added (in the open block), and earlier ones (sealed)
      assert.deepEqual(packed.get(i), JSON.parse(JSON.stringify(r)));
      assert.deepEqual(packed.get(Math.floor(i / 2)), JSON.parse(JSON.stringify(records[Math.floor(i / 2)])));
    }
    assert.equal(packed.length, records.length);
    // any JSON value packs, not only records
    const facts = new PackedRecords<{ n: number; s: string[] }>();
    facts.add({ n: 1, s: ['a'] });
    assert.deepEqual(facts.get(0), { n: 1, s: ['a'] });
  });
});
