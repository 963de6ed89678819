/** util/triple-transfer: triples handed to workers as a term dictionary come back as the same triples. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataFactory, type Quad } from 'n3';
import { baseTable, decodeTerm, decodeTermTable, decodeTriples, encodeTriples, encodeTriplesOver, reorderTriples } from '../../src/util/triple-transfer.js';
import { publicationOrder, sortedTriples } from '../../src/publish/serialize.js';
import { IndexedDataset } from '../../src/validate/index-dataset.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const iri = fc.constantFrom('https://w3id.org/dih/hub/a', 'https://w3id.org/dih/hub/b', 'http://www.w3.org/2004/02/skos/core#prefLabel', 'https://example.org/é?x=1#"').map((v) => namedNode(v));
const text = fc.string({ maxLength: 12, unit: 'grapheme' });
const object = fc.oneof(
  iri,
  fc.constantFrom('b0', 'b1').map((v) => blankNode(v)),
  text.map((t) => literal(t)),
  fc.tuple(text, fc.constantFrom('en', 'pt', 'de-AT')).map(([t, l]) => literal(t, l)),
  fc.tuple(text, fc.constantFrom('integer', 'date', 'string', 'anyURI')).map(([t, d]) => literal(t, namedNode(XSD + d))),
);
const triple = fc.tuple(fc.oneof(iri, fc.constant(blankNode('b0'))), iri, object).map(([s, p, o]) => quad(s as Quad['subject'], p, o));

describe('util/triple-transfer', function () {
  it('util/triple-transfer decode(encode(triples)) gives equal triples, in order (property)', function () {
    fc.assert(fc.property(fc.array(triple, { maxLength: 40 }), (triples: Quad[]) => {
      const back = decodeTriples(encodeTriples(triples));
      assert.equal(back.length, triples.length);
      for (const [i, t] of triples.entries()) assert.ok(back[i]!.equals(t), `${i}: ${JSON.stringify(back[i])} != ${JSON.stringify(t)}`);
    }));
  });

  it('util/triple-transfer/subject-runs: a subject repeated by an equal term keeps its id; a blank node and an IRI of one value do not share one', function () {
    const p = namedNode('https://example.org/p');
    const triples = [quad(namedNode('x:a'), p, literal('1')), quad(namedNode('x:a'), p, literal('2')), quad(blankNode('x:a'), p, literal('3')), quad(namedNode('x:a'), p, literal('4'))];
    const { ids } = decodeTermTable(encodeTriples(triples));
    assert.deepEqual([ids[0], ids[3], ids[9]], [ids[0], ids[0], ids[0]]);
    assert.notEqual(ids[6], ids[0]);
    assert.ok(decodeTriples(encodeTriples(triples)).every((t, i) => t.equals(triples[i]!)));
  });

  it('util/triple-transfer triples encoded over a base decode, with the terms of the base, to the same triples; terms the base has are not written again (property)', function () {
    fc.assert(fc.property(fc.array(triple, { maxLength: 30 }), fc.array(triple, { maxLength: 30 }), (baseTriples: Quad[], triples: Quad[]) => {
      const base = baseTable(baseTriples);
      const baseTerms = decodeTermTable(base.encoded).terms;
      assert.equal(baseTerms.length, base.terms);
      const over = encodeTriplesOver(base, triples);
      assert.equal(over.base, base.terms);
      const { terms, ids } = decodeTermTable(over, baseTerms);
      assert.equal(ids.length, 3 * triples.length);
      for (const [i, t] of triples.entries()) {
        const back = quad(decodeTerm(terms[ids[3 * i]!]!) as Quad['subject'], decodeTerm(terms[ids[3 * i + 1]!]!) as Quad['predicate'], decodeTerm(terms[ids[3 * i + 2]!]!));
        assert.ok(back.equals(t), `${i}: ${JSON.stringify(back)} != ${JSON.stringify(t)}`);
      }
      // each term once in all: the base's, then the new ones
      const keys = terms.map((t) => JSON.stringify(t));
      assert.equal(new Set(keys).size, keys.length);
    }));
  });

  it('util/triple-transfer triples encoded over a base refuse to decode without that base', function () {
    const base = baseTable([quad(namedNode('https://w3id.org/dih/hub/a'), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal('A'))]);
    const over = encodeTriplesOver(base, [quad(namedNode('https://w3id.org/dih/hub/b'), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal('A'))]);
    assert.throws(() => decodeTermTable(over), /encoded over a base of 3 terms, but this thread holds none/);
    assert.throws(() => decodeTermTable(over, []), /but this thread holds one of 0/);
  });

  it('util/triple-transfer quads encoded as they come, reordered by publicationOrder, are sortedTriples (property)', function () {
    const graph = fc.constantFrom('urn:x:g1', 'urn:x:g2').map((v) => namedNode(v));
    // IRIs a publication can write (the sort writes N-Triples terms, which refuse unsafe IRIs)
    const safe = fc.constantFrom('https://w3id.org/dih/hub/a', 'https://w3id.org/dih/hub/b', 'http://www.w3.org/2004/02/skos/core#prefLabel').map((v) => namedNode(v));
    const safeObject = fc.oneof(safe, text.map((t) => literal(t)), fc.tuple(text, fc.constantFrom('en', 'pt')).map(([t, l]) => literal(t, l)));
    const quadArb = fc.tuple(safe, safe, safeObject, graph).map(([s, p, o, g]) => quad(s, p, o, g));
    fc.assert(fc.property(fc.array(quadArb, { maxLength: 40 }), (quads: Quad[]) => {
      const back = decodeTriples(reorderTriples(encodeTriples(quads), publicationOrder(quads)));
      const expected = sortedTriples(quads);
      assert.equal(back.length, expected.length);
      for (const [i, t] of expected.entries()) assert.ok(back[i]!.subject.equals(t.subject) && back[i]!.predicate.equals(t.predicate) && back[i]!.object.equals(t.object), `${i}`);
    }));
  });

  it('util/triple-transfer equal terms share one object after decoding (what the validation dataset keys on)', function () {
    const back = decodeTriples(encodeTriples([quad(namedNode('urn:x:s'), namedNode('urn:x:p'), literal('v', 'en')), quad(namedNode('urn:x:s'), namedNode('urn:x:q'), literal('v', 'en'))]));
    assert.equal(back[0]!.subject, back[1]!.subject);
    assert.equal(back[0]!.object, back[1]!.object);
    assert.notEqual(back[0]!.predicate, back[1]!.predicate);
  });
});

describe('validate/index-dataset', function () {
  it('validate/index-dataset match answers what a filter over all quads answers, for every pattern (property)', function () {
    const pattern = fc.tuple(fc.option(fc.oneof(iri, fc.constant(blankNode('b0')))), fc.option(iri), fc.option(object));
    fc.assert(fc.property(fc.array(triple, { maxLength: 40 }), pattern, (triples: Quad[], [s, p, o]) => {
      const dataset = new IndexedDataset(triples);
      const unique = triples.filter((t, i) => triples.findIndex((u) => u.equals(t)) === i);
      assert.equal(dataset.size, unique.length, 'a set: duplicates are kept once');
      const expected = unique.filter((t) => (!s || t.subject.equals(s)) && (!p || t.predicate.equals(p)) && (!o || t.object.equals(o)));
      const got = [...dataset.match(s, p, o)];
      assert.equal(got.length, expected.length);
      assert.equal(dataset.match(s, p, o).size, expected.length);
      for (const t of expected) assert.ok(got.some((g) => g.equals(t)));
    }));
  });
});
