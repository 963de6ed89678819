/**
 * The direct JSON-LD writer against the jsonld library: the same document, byte for byte, for the
 * example build and for random graphs over our context's terms, prefixes and value kinds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, Parser, type Quad } from 'n3';
import { build } from '../../src/pipeline.js';
import { toJsonLd, toJsonLdWithJsonld } from '../../src/publish/serialize.js';
import { JsonLdCompactor, UnsupportedContextError } from '../../src/publish/jsonld-writer.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

const { namedNode, literal, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('publish/jsonld-writer', function () {
  this.timeout(120_000);

  it('publish/jsonld-writer writes the example build and its catalogue exactly as jsonld.compact does', async function () {
    const dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    for (const file of ['dih.nq', 'catalog.ttl']) {
      const quads = new Parser({ format: file.endsWith('.nq') ? 'application/n-quads' : 'text/turtle' }).parse(readFileSync(join(dir, file), 'utf8'));
      assert.ok(quads.length > 100);
      assert.equal(await toJsonLd(quads), await toJsonLdWithJsonld(quads), file);
    }
  });

  it('publish/jsonld-writer agrees with jsonld on random graphs of terms, prefixes, languages and datatypes', async function () {
    const subjects = ['https://w3id.org/dih/hub/a', 'https://w3id.org/dih/hub/b', 'http://data.europa.eu/nuts/code/PT11', 'https://w3id.org/dih/ns#sector', 'http://example.org/x'];
    const predicates = [
      'http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2004/02/skos/core#altLabel', 'http://www.w3.org/2004/02/skos/core#notation',
      'http://www.w3.org/2004/02/skos/core#relatedMatch', 'https://w3id.org/dih/ns#sector', 'https://w3id.org/dih/ns#status', 'https://w3id.org/dih/ns#level',
      'http://www.w3.org/ns/oa#start', 'http://purl.org/dc/terms/identifier', 'http://purl.org/dc/terms/description', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
      'http://example.org/p', 'https://w3id.org/dih/ns#matchEvidence',
    ];
    const iris = [...subjects, 'https://w3id.org/dih/ns#DigitalInnovationHub', 'http://www.w3.org/2004/02/skos/core#Concept', 'http://publications.europa.eu/resource/authority/country/PRT', 'https://w3id.org/dih/concept/status/active', 'http://example.org/dih:'];
    const text = fc.string({ maxLength: 12 });
    const object = fc.oneof(
      fc.constantFrom(...iris).map((i) => namedNode(i)),
      text.map((t) => literal(t)),
      fc.tuple(text, fc.constantFrom('en', 'pt', 'de-AT')).map(([t, l]) => literal(t, l)),
      fc.tuple(fc.nat(999).map(String), fc.constantFrom('integer', 'nonNegativeInteger', 'decimal', 'date', 'string')).map(([t, d]) => literal(t, namedNode(XSD + d))),
    );
    const triple = fc.tuple(fc.constantFrom(...subjects), fc.constantFrom(...predicates), object).map(([s, p, o]) => quad(namedNode(s), namedNode(p), o));
    await fc.assert(fc.asyncProperty(fc.array(triple, { maxLength: 25 }), async (quads: Quad[]) => {
      assert.equal(await toJsonLd(quads), await toJsonLdWithJsonld(quads));
    }), { numRuns: 200 });
  });

  it('publish/jsonld-writer refuses a context with features it does not implement', function () {
    assert.throws(() => new JsonLdCompactor({ id: '@id', type: '@type', graph: '@graph', '@vocab': 'http://example.org/' }), UnsupportedContextError);
    assert.throws(() => new JsonLdCompactor({ id: '@id', type: '@type', graph: '@graph', items: { '@id': 'http://example.org/items', '@container': '@list' } }), UnsupportedContextError);
    assert.throws(() => new JsonLdCompactor({ id: '@id', type: '@type', graph: '@graph', knows: { '@reverse': 'http://example.org/knows' } }), UnsupportedContextError);
  });
});
