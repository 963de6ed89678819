/** One build, four serializations, one graph; and rebuilds are byte-identical. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory } from 'n3';
import { build } from '../../src/pipeline.js';
import { nQuadsBytes, nTriplesBytes, toNQuads, toNTriples, utf8Lines } from '../../src/publish/serialize.js';
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

describe('publish/utf8-lines', function () {
  it('publish/utf8-lines writes the bytes of the joined lines, for any text (property)', function () {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 30 }), (lines: string[]) => {
      assert.ok(utf8Lines(lines).equals(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8')));
    }));
  });

  it('publish/utf8-lines N-Quads and N-Triples bytes are the text dumps, encoded', function () {
    const { namedNode, literal, quad } = DataFactory;
    const quads = [quad(namedNode('urn:x:b'), namedNode('urn:x:p'), literal('Braga – “Minho” 🚀', 'pt'), namedNode('urn:x:g1')), quad(namedNode('urn:x:a'), namedNode('urn:x:p'), literal('x'), namedNode('urn:x:g2')), quad(namedNode('urn:x:a'), namedNode('urn:x:p'), literal('x'), namedNode('urn:x:g1'))];
    assert.equal(nQuadsBytes(quads).toString('utf8'), toNQuads(quads));
    assert.equal(nTriplesBytes(quads).toString('utf8'), toNTriples(quads));
    assert.equal(toNTriples(quads).split('\n').filter(Boolean).length, 2, 'the triple in two graphs is written once');
  });
});
