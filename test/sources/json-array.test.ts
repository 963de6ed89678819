/** sources/json-array: the items of a JSON array, found by a scan and parsed one at a time, are JSON.parse's. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonArrayBounds, jsonArrayItems } from '../../src/sources/json-array.js';
import { readRegistryJson } from '../../src/sources/registry-json.js';

const itemsOf = (text: string): unknown[] => {
  const bounds = jsonArrayBounds(text);
  assert.ok(bounds, `an array: ${text.slice(0, 80)}`);
  return [...jsonArrayItems(text, bounds)].map((item) => {
    assert.equal(item.error, undefined);
    return item.value;
  });
};

describe('sources/json-array', function () {
  it('sources/json-array gives JSON.parse\'s items for any array, however spaced, strings with quotes, escapes and brackets included', function () {
    fc.assert(fc.property(fc.array(fc.jsonValue()), fc.constantFrom(undefined, 1, '\t'), (items, space) => {
      const text = JSON.stringify(items, null, space);
      assert.deepEqual(itemsOf(text), JSON.parse(text));
    }), { numRuns: 300 });
    assert.deepEqual(itemsOf(' [ "a\\\\", "b\\"]", {"c": "}\\\\\\"{"} , [1,[2]], -1.5e3, true, null ] \n'), ['a\\', 'b"]', { c: '}\\"{' }, [1, [2]], -1500, true, null]);
    assert.deepEqual(itemsOf('[]'), []);
  });

  it('sources/json-array refuses what is not one array (the caller then parses it whole for the error)', function () {
    for (const text of ['{"a": 1}', '[1, 2', '[{"a": "unterminated}]', '[1] [2]', '[1,, 2]', '', '"x"']) assert.equal(jsonArrayBounds(text), undefined, text);
  });

  it('sources/json-array/registry: an entity that is not JSON is reported with its line and skipped, its neighbours read', function () {
    const entity = (n: number) => JSON.stringify({ id: `urn:ngsi-ld:DigitalInnovationHub:s3jrc:${n}`, type: 'DigitalInnovationHub', title: { type: 'Property', value: `Hub ${n}` }, address: { type: 'Property', value: { addressCountry: 'Portugal' } } });
    const text = `[\n${entity(1)},\n{"id": tru},\n${entity(3)}\n]`;
    const out = readRegistryJson(text, { path: 'x.json', name: 'x.json' });
    assert.deepEqual(out.records.map((r) => r.source.id), ['1', '3']);
    const bad = out.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(bad.length, 1, JSON.stringify(out.diagnostics));
    assert.deepEqual({ file: bad[0]!.file, line: bad[0]!.line, record: bad[0]!.record }, { file: 'x.json', line: 3, record: 'entity 2' });
    assert.match(bad[0]!.message, /^JSON: .*; skipped$/);
  });

  it('sources/json-array/registry: onProgress is told the share of the entities read, every thousand', function () {
    const entity = (n: number) => JSON.stringify({ id: `urn:ngsi-ld:DigitalInnovationHub:s3jrc:${n}`, type: 'DigitalInnovationHub', title: { type: 'Property', value: `Hub ${n}` } });
    const text = `[${Array.from({ length: 2500 }, (_, n) => entity(n)).join(',')}]`;
    const told: number[] = [];
    const out = readRegistryJson(text, { path: 'x.json', name: 'x.json' }, undefined, (f) => told.push(f));
    assert.equal(out.records.length, 2500);
    assert.deepEqual(told, [0, 0.4, 0.8]);
  });
});
