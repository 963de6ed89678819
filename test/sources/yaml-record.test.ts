/** The YAML record reader: good records read, bad ones reported with file, line, record and field. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlRecords } from '../../src/sources/yaml-record.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { writeSynthetic } from '../../bench/generate.js';

describe('sources/yaml-record', function () {
  it('sources/yaml-record reads the curated PRODUTECH record without problems', function () {
    const { records, diagnostics } = readYamlRecords(readFileSync(join(SOURCES, 'produtech', 'produtech-dih.yaml'), 'utf8'), 'produtech-dih.yaml');
    assert.deepEqual(diagnostics, []);
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.equal(r.hub, 'produtech-dih');
    assert.equal(r.entities.find((e) => e.key === 'produtech-dih')?.status?.label, 'fully operational');
    assert.equal(r.relations.length, 10);
    assert.equal(r.source.line, 5);
  });

  it('sources/yaml-record keeps the good document when its neighbour is broken', function () {
    const text = [
      'source: {registry: t, id: good}', 'hub: h', 'entities: {h: {kind: hub, name: Good Hub}}',
      '---',
      'source: {registry: t, id: bad}', 'hub: h', 'entities: {h: {kind: hub, name: [not, a, string]}}',
    ].join('\n');
    const { records, diagnostics } = readYamlRecords(text, 'two.yaml');
    assert.deepEqual(records.map((r) => r.source.id), ['good']);
    const d = diagnostics.find((x) => x.field === 'entities.h.name');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(d.file, 'two.yaml');
    assert.equal(d.record, 'bad');
    assert.equal(d.line, 7);
  });

  it('sources/yaml-record reports a relation to an unknown entity with its field path', function () {
    const text = 'source: {registry: t, id: r}\nhub: h\nentities: {h: {kind: hub, name: H}}\nrelations:\n  - [h, hosts, nobody]\n';
    const { records, diagnostics } = readYamlRecords(text, 'rel.yaml');
    assert.equal(records.length, 0);
    assert.ok(diagnostics.some((d) => d.field === 'relations.0.target' && d.line === 5 && /nobody/.test(d.message)), JSON.stringify(diagnostics));
  });

  it('sources/yaml-record refuses duplicate keys', function () {
    const { records, diagnostics } = readYamlRecords('source: {registry: t, id: a}\nsource: {registry: t, id: b}\n', 'dup.yaml');
    assert.equal(records.length, 0);
    assert.ok(diagnostics.some((d) => /unique|duplicate/i.test(d.message) && d.line === 2), JSON.stringify(diagnostics));
  });

  it('sources/yaml-record stops an alias bomb instead of expanding it', function () {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    const { records, diagnostics } = readYamlRecords(bomb, 'bomb.yaml');
    assert.equal(records.length, 0);
    assert.ok(diagnostics.some((d) => /alias/i.test(d.message)), JSON.stringify(diagnostics));
    assert.ok(Date.now() - started < 5000);
  });

  it('sources/yaml-record reports a wrong type with the field and keeps reading', function () {
    const text = 'source: {registry: t, id: w}\nhub: h\nentities:\n  h:\n    kind: hub\n    name: H\n    altNames: {a: 1}\n';
    const { diagnostics } = readYamlRecords(text, 'w.yaml');
    assert.ok(diagnostics.some((d) => d.field === 'entities.h.altNames' && d.line === 7), JSON.stringify(diagnostics));
  });

  it('sources/yaml-record/onRecord hands each record over as it is read, fast and slow paths alike, in order', function () {
    // a record with a problem goes through the yaml path; the others through js-yaml
    const text = ['source: {registry: r, id: a}\nhub: h\nentities:\n  h: {kind: hub, name: A}', 'source: {registry: r, id: b}\nhub: h\nentities:\n  h: {kind: hub, name: B, unknown: 1}', 'source: {registry: r, id: c}\nhub: h\nentities:\n  h: {kind: hub, name: C}'].join('\n---\n');
    const returned = readYamlRecords(text, 'f.yaml');
    const emitted: unknown[] = [];
    const streamed = readYamlRecords(text, 'f.yaml', { onRecord: (r) => emitted.push(r) });
    assert.deepEqual(returned.records.map((r) => r.source.id), ['a', 'b', 'c']);
    assert.ok(returned.diagnostics.length > 0, 'record b has a warning');
    assert.deepEqual(streamed.records, []);
    assert.deepEqual(emitted, returned.records);
    assert.deepEqual(streamed.diagnostics, returned.diagnostics);
  });

  it('sources/yaml-record/onProgress is told the share of a big file read, chunk by chunk, rising from 0 below 1', function () {
    const dir = join(tempDir(), 'syn');
    writeSynthetic(3000, dir);
    const text = readFileSync(join(dir, 'synthetic.yaml'), 'utf8');
    assert.ok(text.length > 2 * 2 ** 20, 'more than two chunks');
    const told: number[] = [];
    const read = readYamlRecords(text, 'synthetic.yaml', { onProgress: (f) => told.push(f) });
    assert.equal(read.records.length, 3000);
    assert.ok(told.length >= 3, `told ${told.length} times`);
    assert.equal(told[0], 0);
    assert.ok(told.every((f, i) => f >= 0 && f < 1 && (i === 0 || f > told[i - 1]!)), told.join(' '));
  });
});
