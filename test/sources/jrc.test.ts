/** Readers of the JRC DIH Tool: NGSI-LD entities, the API's GeoJSON Feature, and the .json dispatch. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSources } from '../../src/sources/index.js';
import { readRegistryJson } from '../../src/sources/registry-json.js';
import { collectRecords } from '../../src/sources/jrc.js';
import { FIXTURES, SHARED } from '../helpers/paths.js';

const REG = join(SHARED, 'data', 'registries');
const fixture = (name: string) => join(FIXTURES, 'registries', name);

describe('sources/jrc', function () {
  it('sources/jrc reads all 701 hubs of the real NGSI-LD harvest, each with its JRC URN as identifier', async function () {
    const r = await readSources([join(REG, 'jrc-dih-tool-2022.ngsi-ld.json')]);
    assert.equal(r.records.length, 701);
    assert.ok(r.records.every((x) => /^urn:ngsi-ld:DigitalInnovationHub:s3jrc:\d+$/.test(x.source.identifier ?? '') && x.source.id === x.source.identifier?.split(':').pop()));
    assert.ok(r.records.every((x) => x.source.license?.includes('via third-party harvest') && x.source.date === '2022-02'));
    const aarhus = r.records.find((x) => x.source.id === '21792')?.entities[0];
    assert.match(aarhus?.description ?? '', /Aarhus University's position/, 'the &#39; entity is decoded');
    assert.ok(!r.diagnostics.some((d) => d.severity === 'error'));
  });

  it('sources/jrc keeps stripped accents as written and reports programme text in domain as not a sector', async function () {
    const r = await readSources([fixture('jrc-excerpt.ngsi-ld.json')]);
    const hub = r.records.find((x) => x.source.id === '900001')?.entities[0];
    assert.equal(hub?.name, 'Example Robotics & Automation Hub (EXRAH)');
    assert.equal(hub?.description, "The hub's mission: robots & automation for SMEs in Andaluca.");
    assert.deepEqual(hub?.sectors.map((s) => s.label), ['Manufacture of machinery and equipment', 'Life sciences & healthcare']);
    const stray = r.diagnostics.find((d) => d.field === 'domain.2');
    assert.equal(stray?.record, 'urn:ngsi-ld:DigitalInnovationHub:s3jrc:900001');
    assert.match(stray?.message ?? '', /programme text/);
  });

  it('sources/jrc reports a broken entity and a hub without name with file, record and field, and keeps the good ones', async function () {
    const r = await readSources([fixture('jrc-excerpt.ngsi-ld.json')]);
    assert.deepEqual(r.records.map((x) => x.source.id).sort(), ['900001', '900002']);
    const badId = r.diagnostics.find((d) => d.field === 'id');
    assert.deepEqual([badId?.file, badId?.record, badId?.severity], ['jrc-excerpt.ngsi-ld.json', 'entity 3', 'error']);
    const noName = r.diagnostics.find((d) => d.field === 'title');
    assert.deepEqual([noName?.record, noName?.severity], ['urn:ngsi-ld:DigitalInnovationHub:s3jrc:900004', 'error']);
  });

  it('sources/jrc splits a representative into an organisational mailbox and a personal contact', async function () {
    const r = await readSources([fixture('jrc-excerpt.ngsi-ld.json')]);
    const [first, second] = ['900001', '900002'].map((id) => r.records.find((x) => x.source.id === id)?.entities[0]?.contactPoints ?? []);
    assert.deepEqual(first?.map((c) => [c.personal, c.email ?? c.name]), [[false, 'info@exrah.example.org'], [true, 'Zelda Quixwright']]);
    assert.deepEqual(second?.map((c) => [c.personal, c.email]), [[true, 'yorick.fennimore@second-dih.example.net']]);
  });

  it('sources/jrc-feature reads the API GeoJSON Feature: hubId, stage, hub type, services, technologies', async function () {
    const r = await readSources([join(REG, 'jrc-dih-tool-raw-feature.json')]);
    assert.equal(r.records.length, 1);
    const rec = r.records[0];
    assert.deepEqual([rec?.source.registry, rec?.source.id, rec?.source.identifier], ['jrc-api', '3276', 'urn:ngsi-ld:DigitalInnovationHub:s3jrc:3276']);
    const hub = rec?.entities[0];
    assert.equal(hub?.status?.label, 'In preparation');
    assert.equal(hub?.hubType?.label, 'Digital Innovation Hub');
    assert.equal(hub?.services.length, 10);
    assert.deepEqual(hub?.technologies.map((t) => t.label), ['Cyber physical systems', 'Robotics', 'Internet of things']);
    assert.equal(hub?.country, 'DNK');
    assert.ok(hub?.contactPoints?.every((c) => c.personal), 'the contact is a named person');
  });

  it('sources/registry-json reports JSON that is neither NGSI-LD nor a GeoJSON Feature, naming the file', function () {
    for (const name of ['jrc-broken-array.json', 'jrc-other.json']) {
      const out = readRegistryJson(readFileSync(fixture(name), 'utf8'), { path: fixture(name), name });
      assert.equal(out.records.length, 0);
      assert.equal(out.diagnostics[0]?.file, name);
      assert.match(out.diagnostics[0]?.message ?? '', /NGSI-LD/);
    }
    const broken = readRegistryJson('[{"id": ', { path: 'x.json', name: 'x.json' });
    assert.match(broken.diagnostics[0]?.message ?? '', /^JSON: /);
  });

  it('sources/registry-json/emit hands each record over as it is read, the same records and diagnostics, and lets go of each entity', function () {
    const text = readFileSync(fixture('jrc-excerpt.ngsi-ld.json'), 'utf8');
    const file = { path: fixture('jrc-excerpt.ngsi-ld.json'), name: 'jrc-excerpt.ngsi-ld.json' };
    const returned = readRegistryJson(text, file);
    const emitted: unknown[] = [];
    const streamed = readRegistryJson(text, file, (r) => emitted.push(r));
    assert.ok(returned.records.length > 1);
    assert.deepEqual(streamed.records, [], 'emitted, not returned');
    assert.deepEqual(emitted, returned.records);
    assert.deepEqual(streamed.diagnostics, returned.diagnostics);
    const entities: unknown[] = JSON.parse(text);
    const seen: number[] = [];
    collectRecords(entities, (_e, i) => ({ diagnostics: [], record: { source: { registry: 'r', id: String(i), file: 'f' }, hub: 'h', entities: [], relations: [] } }), () => seen.push(entities.filter((e) => e !== undefined).length));
    // when record i is emitted, entities 0..i have been let go
    assert.deepEqual(seen, [...entities.keys()].map((i) => entities.length - i - 1));
  });
});
