/** One build, four serializations, one graph; and rebuilds are byte-identical. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, type Quad } from 'n3';
import { build } from '../../src/pipeline.js';
import { nQuadsBytes, nTriplesBytes, quadToNq, toNQuads, tripleToNt } from '../../src/publish/serialize.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, hasBlankNodes, parseJsonLd, parseRdf, tripleSet } from '../helpers/graph.js';

describe('publish/serializations', function () {
  let dir: string;
  before(async function () {
    dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
  });
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');

  it('publish/serializations writes dih.ttl, dih.jsonld, dih.nt, dih.nq and validation-report.ttl', function () {
    for (const f of ['dih.ttl', 'dih.jsonld', 'dih.nt', 'dih.nq', 'validation-report.ttl']) assert.ok(existsSync(join(dir, f)), f);
  });

  it('publish/serializations/turtle-jsonld-ntriples-nquads are the same graph', async function () {
    const nt = tripleSet(parseRdf(read('dih.nt'), 'application/n-triples'));
    const others: [string, Set<string>][] = [
      ['dih.ttl', tripleSet(parseRdf(read('dih.ttl'), 'text/turtle'))],
      ['dih.nq', tripleSet(parseRdf(read('dih.nq'), 'application/n-quads'))],
      ['dih.jsonld', tripleSet(await parseJsonLd(read('dih.jsonld')))],
    ];
    assert.ok(nt.size > 100, `a real graph (${nt.size} triples)`);
    for (const [name, set] of others) assert.deepEqual(diffSets(set, nt), { onlyA: [], onlyB: [] }, `${name} vs dih.nt`);
  });

  it('publish/serializations have no blank nodes', function () {
    assert.equal(hasBlankNodes(parseRdf(read('dih.nq'), 'application/n-quads')), false);
    assert.equal(hasBlankNodes(parseRdf(read('validation-report.ttl'), 'text/turtle')), false);
  });

  it('publish/serializations/nquads keeps one named graph per source record', function () {
    const graphs = new Set(parseRdf(read('dih.nq'), 'application/n-quads').map((q) => q.graph.value));
    assert.ok(graphs.has('https://w3id.org/dih/source/produtech/produtech-dih-national-platform'));
  });

  it('publish/serializations/turtle is pretty: prefixed and grouped by subject', function () {
    const ttl = read('dih.ttl');
    assert.match(ttl, /^@prefix dih: <https:\/\/w3id\.org\/dih\/ns#>\./m);
    const subjects = ttl.split('\n').filter((l) => /^<[^>]+>/.test(l) || /^[a-z]+:\S+ /.test(l)).map((l) => l.split(' ')[0]);
    assert.equal(new Set(subjects).size, subjects.length, 'each subject starts one block');
  });

  it('publish/rebuild from the same input is byte-identical', async function () {
    const again = join(tempDir(), 'dist');
    await build([SOURCES], { out: again });
    // Every file, those in sub-folders (the HTML site's hub/ and ontology/) included.
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
    assert.ok(files.length > 5, files.join(', '));
    for (const f of files) assert.equal(readFileSync(join(again, f), 'utf8'), read(f), f);
  });
});

describe('publish/statement-bytes', function () {
  const { namedNode, literal, blankNode, quad } = DataFactory;
  const term = fc.oneof(fc.constantFrom('urn:x:a', 'urn:x:b', 'https://example.org/é').map((v) => namedNode(v)), fc.constantFrom('b1', 'b2').map((v) => blankNode(v)));
  const object = fc.oneof(term, fc.string({ unit: 'binary', maxLength: 12 }).map((v) => literal(v)), fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('en', 'pt')).map(([v, l]) => literal(v, l)));
  const graph = fc.constantFrom('urn:x:g1', 'urn:x:g2').map((v) => namedNode(v));
  const statement = fc.tuple(term, fc.constantFrom('urn:x:p', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type').map((v) => namedNode(v)), object, graph)
    .map(([s, p, o, g]) => quad(s as Quad['subject'], p, o as Quad['object'], g));
  const lines = (bytes: Buffer): string[] => bytes.toString('utf8').split('\n').filter(Boolean);

  it('publish/statement-bytes N-Quads hold each distinct quad once and N-Triples each distinct triple once (property)', function () {
    fc.assert(fc.property(fc.array(statement, { maxLength: 30 }), (quads: Quad[]) => {
      const nq = lines(nQuadsBytes(quads));
      const nt = lines(nTriplesBytes(quads));
      assert.deepEqual([...nq].sort(), [...new Set(quads.map(quadToNq))].sort());
      assert.deepEqual([...nt].sort(), [...new Set(quads.map(tripleToNt))].sort());
      assert.equal(toNQuads(quads), nQuadsBytes(quads).toString('utf8'));
    }));
  });

  it('publish/statement-bytes a dump of mostly non-ASCII text (three bytes a character) outgrows its first buffer and comes out whole', function () {
    // The buffer is sized from the terms' lengths in UTF-16 units: here the UTF-8 is ~3x longer.
    const quads = Array.from({ length: 3000 }, (_, i) => quad(namedNode(`urn:x:s${i}`), namedNode('urn:x:p'), literal(`${'€'.repeat(i % 50)}é${i}`, 'pt'), namedNode('urn:x:g1')));
    const expected = [...quads].sort((a, b) => (a.subject.value < b.subject.value ? -1 : 1)).map((q) => `${quadToNq(q)}\n`).join('');
    assert.equal(nQuadsBytes(quads).toString('utf8'), expected);
    assert.equal(Buffer.byteLength(expected), nQuadsBytes(quads).length);
  });

  it('publish/statement-bytes statements longer than a write buffer (1 MB) come out whole', function () {
    const long = 'ü€'.repeat(300_000);
    const quads = [quad(namedNode('urn:x:a'), namedNode('urn:x:p'), literal(long), namedNode('urn:x:g1')), quad(namedNode('urn:x:b'), namedNode('urn:x:p'), literal('after'), namedNode('urn:x:g1'))];
    assert.equal(nTriplesBytes(quads).toString('utf8'), `<urn:x:a> <urn:x:p> "${long}" .\n<urn:x:b> <urn:x:p> "after" .\n`);
  });
});
