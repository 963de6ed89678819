/**
 * publish/rdfxml-writer: our RDF/XML writer, checked by two independent parsers (rdflib's and
 * rdfxml-streaming-parser) on generated graphs, plus the names RDF/XML cannot write.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataFactory, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { RdfXmlError, writeRdfXml } from '../../src/publish/rdfxml-writer.js';
import { termTable } from '../../src/util/triple-transfer.js';
import { toRdfXml } from '../../src/publish/rdfxml.js';
import { sortedTriples } from '../../src/publish/serialize.js';
import { parseRdfXmlText, tripleSet } from '../helpers/graph.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** rdfxml-streaming-parser, a second parser that shares no code with rdflib. */
function streamingParse(xml: string): Quad[] {
  const out: Quad[] = [];
  const parser = new RdfXmlParser({ dataFactory: DataFactory as never });
  parser.on('data', (q: Quad) => out.push(q));
  let error: Error | undefined;
  parser.on('error', (e: Error) => (error = e));
  parser.write(xml);
  parser.end();
  if (error) throw error;
  return out;
}

const write = (quads: Quad[], prefixes: Record<string, string> = {}): string => writeRdfXml(termTable(sortedTriples(quads)), prefixes);

/** Characters XML 1.0/1.1 can carry (no U+0000, U+FFFE/FFFF, lone surrogates), as literal text. */
const xmlText = fc.string({ unit: 'binary', maxLength: 16 }).map((s) => s.replace(/[\u0000\uFFFE\uFFFF]/g, 'x').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, 'y'));
const subject = fc.constantFrom('https://w3id.org/dih/hub/a', "https://w3id.org/dih/hub/b?x=1&y='2'", 'urn:x:é', 'http://example.org/a#b').map((v) => namedNode(v));
const predicate = fc.constantFrom('http://purl.org/dc/terms/title', 'http://example.org/v1/p', 'http://example.org/other#q-1.x', `${RDF}type`, `${RDF}value`, 'urn:x:p9_é').map((v) => namedNode(v));
const object = fc.oneof(
  subject,
  fc.constantFrom('http://www.w3.org/ns/org#Organization', 'http://example.org/v1/Class', `${RDF}Description`, `${RDF}Seq`).map((v) => namedNode(v)),
  xmlText.map((v) => literal(v)),
  fc.tuple(xmlText, fc.constantFrom('en', 'pt-PT')).map(([v, l]) => literal(v, l)),
  fc.tuple(xmlText, fc.constantFrom('http://www.w3.org/2001/XMLSchema#integer', 'http://example.org/dt?a&b')).map(([v, d]) => literal(v, namedNode(d))),
);
const triple = fc.tuple(subject, predicate, object).map(([s, p, o]) => quad(s, p, o));

describe('publish/rdfxml-writer', function () {
  it('publish/rdfxml-writer writes any graph of IRIs and literals so that both parsers read it back (property)', function () {
    fc.assert(
      fc.property(fc.array(triple, { maxLength: 25 }), (quads) => {
        const xml = write(quads, { dcterms: 'http://purl.org/dc/terms/', org: 'http://www.w3.org/ns/org#' });
        const expected = tripleSet(quads);
        assert.deepEqual(tripleSet(parseRdfXmlText(xml)), expected);
        assert.deepEqual(tripleSet(streamingParse(xml)), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('publish/rdfxml-writer writes blank nodes as rdf:nodeID, whatever their labels', function () {
    const a = blankNode('not an XML name!');
    const quads = [quad(a, namedNode('http://example.org/v/p'), blankNode('2')), quad(blankNode('2'), namedNode('http://example.org/v/q'), literal('x'))];
    const back = streamingParse(write(quads));
    assert.equal(back.length, 2);
    const [p, q] = [back.find((t) => t.predicate.value.endsWith('/p'))!, back.find((t) => t.predicate.value.endsWith('/q'))!];
    assert.equal(p.subject.termType, 'BlankNode');
    assert.ok(p.object.equals(q.subject), 'the shared blank node stays one node');
  });

  it('publish/rdfxml-writer types a node element by its first rdf:type with a prefix, and keeps the other types', function () {
    const s = namedNode('https://w3id.org/dih/hub/a');
    const quads = [
      quad(s, namedNode(`${RDF}type`), namedNode('http://www.w3.org/ns/org#Organization')),
      quad(s, namedNode(`${RDF}type`), namedNode('http://www.w3.org/ns/org#FormalOrganization')),
      quad(s, namedNode('http://purl.org/dc/terms/title'), literal('A')),
    ];
    const xml = write(quads, { org: 'http://www.w3.org/ns/org#', dcterms: 'http://purl.org/dc/terms/' });
    assert.match(xml, /<org:FormalOrganization rdf:about="https:\/\/w3id\.org\/dih\/hub\/a">/);
    assert.match(xml, /<rdf:type rdf:resource="http:\/\/www\.w3\.org\/ns\/org#Organization"\/>/);
    assert.deepEqual(tripleSet(streamingParse(xml)), tripleSet(quads));
  });

  it('publish/rdfxml-writer declares each namespace once, making up prefixes for the undeclared ones', function () {
    const quads = Array.from({ length: 50 }, (_, i) => quad(namedNode(`https://w3id.org/dih/hub/h${i}`), namedNode(`http://example.org/vocab-${i % 7}/p`), literal(`v${i}`)));
    const xml = write(quads);
    assert.equal(xml.match(/<rdf:RDF/g)?.length, 1);
    assert.equal(new Set(xml.match(/xmlns:ns\d+=/g)).size, 7);
    assert.deepEqual(tripleSet(parseRdfXmlText(xml)), tripleSet(quads));
  });

  it('publish/rdfxml-writer declares XML 1.1 only when a C0 control must be carried, and writes it as a reference', function () {
    const s = namedNode('https://w3id.org/dih/hub/a');
    const p = namedNode('http://purl.org/dc/terms/description');
    assert.match(write([quad(s, p, literal('tab\tnewline\n'))]), /^<\?xml version="1\.0"/);
    const xml = write([quad(s, p, literal('bell \u0007 cr \r nel \u0085'))]);
    assert.match(xml, /^<\?xml version="1\.1"/);
    assert.match(xml, /bell &#x7; cr &#xD; nel &#x85;/);
    assert.equal(parseRdfXmlText(xml)[0]?.object.value, 'bell \u0007 cr \r nel \u0085');
  });

  it('publish/rdfxml-writer refuses what RDF/XML cannot write, naming the statement', function () {
    const s = namedNode('https://w3id.org/dih/hub/x');
    const cases: [Quad, RegExp][] = [
      [quad(s, namedNode('http://example.org/p/'), literal('a')), /does not end in an XML name/],
      [quad(s, namedNode('http://example.org/123'), literal('a')), /does not end in an XML name/],
      [quad(s, namedNode(`${RDF}li`), literal('a')), /syntax name/],
      [quad(s, namedNode(`${RDF}Description`), literal('a')), /syntax name/],
      [quad(s, namedNode('http://purl.org/dc/terms/title'), literal('nul \u0000')), /U\+0000/],
      [quad(s, namedNode('http://purl.org/dc/terms/title'), literal('lone \uD800 surrogate')), /lone surrogate/],
      [quad(s, namedNode('http://purl.org/dc/terms/title'), literal('\uFFFF')), /U\+FFFF/],
    ];
    for (const [q, message] of cases) {
      assert.throws(() => write([q]), (err: Error) => err instanceof RdfXmlError && message.test(err.message) && err.message.includes('hub/x'), `${q.predicate.value} ${JSON.stringify(q.object.value)}`);
    }
  });

  it('publish/rdfxml-writer and toRdfXml give the same document for the same triples', function () {
    const quads = [quad(namedNode('https://w3id.org/dih/hub/a'), namedNode('http://purl.org/dc/terms/title'), literal('A', 'en'))];
    assert.equal(toRdfXml(quads, { dcterms: 'http://purl.org/dc/terms/' }), write(quads, { dcterms: 'http://purl.org/dc/terms/' }));
  });
});
