/** dih.rdf: RDF/XML written with rdflib, the same graph as the other serializations, hostile strings included. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { build } from '../../src/pipeline.js';
import { toRdfXml, RdfXmlError } from '../../src/publish/rdfxml.js';
import { FIXTURES, SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, parseRdf, parseRdfXmlText, tripleSet } from '../helpers/graph.js';

const { namedNode, literal, quad } = DataFactory;

describe('publish/rdfxml', function () {
  it('publish/rdfxml dih.rdf of sources/ is the same graph as dih.nt', async function () {
    const dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    const xml = readFileSync(join(dir, 'dih.rdf'), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<rdf:RDF/);
    const nt = tripleSet(parseRdf(readFileSync(join(dir, 'dih.nt'), 'utf8'), 'application/n-triples'));
    assert.ok(nt.size > 100);
    assert.deepEqual(diffSets(tripleSet(parseRdfXmlText(xml)), nt), { onlyA: [], onlyB: [] });
  });

  it('publish/rdfxml carries quotes, CR LF, tabs, control characters and markup of the hostile fixture', async function () {
    const dir = join(tempDir(), 'dist');
    await build([join(FIXTURES, 'hostile', 'escaping.yaml')], { out: dir });
    const xml = readFileSync(join(dir, 'dih.rdf'), 'utf8');
    // C0 controls can only be carried as character references in XML 1.1.
    assert.match(xml, /^<\?xml version="1\.1"/);
    const nt = tripleSet(parseRdf(readFileSync(join(dir, 'dih.nt'), 'utf8'), 'application/n-triples'));
    assert.deepEqual(diffSets(tripleSet(parseRdfXmlText(xml)), nt), { onlyA: [], onlyB: [] });
  });

  it('publish/rdfxml writes a graph larger than one writer chunk as one document, prefixes made up once', function () {
    // 3,000 subjects x 3 statements crosses the chunk size twice; the predicates' namespaces have no
    // prefix given, so the writer makes them up and must keep them the same in every chunk.
    const quads = [];
    for (let i = 0; i < 3000; i++) {
      const s = namedNode(`https://w3id.org/dih/hub/h${i}`);
      quads.push(quad(s, namedNode(`http://example.org/vocab-${i % 7}/p`), literal(`v${i} <&>`)));
      quads.push(quad(s, namedNode('http://example.org/other#q'), namedNode(`https://w3id.org/dih/hub/h${(i + 1) % 3000}`)));
      quads.push(quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`http://example.org/class-${i % 3}#C`)));
    }
    const xml = toRdfXml(quads);
    assert.equal(xml.match(/<rdf:RDF/g)?.length, 1);
    assert.deepEqual(diffSets(tripleSet(parseRdfXmlText(xml)), tripleSet(quads)), { onlyA: [], onlyB: [] });
  });

  it('publish/rdfxml round-trips "]]>", "<tag>", "&amp;" and a carriage return in a literal', function () {
    const tricky = 'a ]]> b <script>x</script> &amp; c\r\nd \uE000 e';
    const q = quad(namedNode('https://w3id.org/dih/hub/x'), namedNode('http://purl.org/dc/terms/description'), literal(tricky, 'en'));
    const back = parseRdfXmlText(toRdfXml([q]));
    assert.equal(back.length, 1);
    assert.equal(back[0]?.object.value, tricky);
  });

  it('publish/rdfxml refuses U+0000, which no XML can carry, naming the statement', function () {
    const q = quad(namedNode('https://w3id.org/dih/hub/x'), namedNode('http://purl.org/dc/terms/description'), literal('nul \u0000 here'));
    assert.throws(() => toRdfXml([q]), (err: Error) => err instanceof RdfXmlError && /hub\/x/.test(err.message) && /U\+0000/.test(err.message));
  });
});
