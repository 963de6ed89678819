/** Literals with their parts as fields are N3 Literals in every way a reader can tell. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataFactory, Literal, Store, Writer } from 'n3';
import { literal } from '../../src/util/known-literal.js';
import { termToNt } from '../../src/publish/serialize.js';

const { namedNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** No tag, a language tag (any case), or a datatype (xsd:string among them). */
const tagOrType = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('en', 'EN-gb', 'pt', 'de-CH'),
  fc.constantFrom('string', 'integer', 'decimal', 'dateTime').map((t) => namedNode(XSD + t)),
);

describe('util/known-literal', function () {
  it('util/known-literal: id, value, language, datatype and equals as DataFactory.literal has them (property)', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), tagOrType, (text, raw, tag) => {
        for (const value of [text, raw, `say "${text}"@en`]) {
          const ours = literal(value, tag);
          const n3 = DataFactory.literal(value, tag);
          assert.ok(ours instanceof Literal);
          assert.equal(ours.id, n3.id);
          assert.equal(ours.value, n3.value);
          assert.equal(ours.language, n3.language);
          assert.equal(ours.datatype.value, n3.datatype.value);
          assert.equal(ours.datatype.termType, 'NamedNode');
          assert.ok(ours.equals(n3) && n3.equals(ours));
          assert.equal(termToNt(ours), termToNt(n3));
        }
      }),
    );
  });

  it('util/known-literal: N3 stores and writes them as its own', async function () {
    const s = namedNode('http://example.org/s');
    const p = namedNode('http://example.org/p');
    const store = new Store([quad(s, p, literal('chão', 'PT')), quad(s, p, literal('3', namedNode(`${XSD}integer`)))]);
    assert.equal(store.countQuads(s, p, DataFactory.literal('chão', 'pt'), null), 1);
    assert.equal(store.countQuads(s, p, DataFactory.literal('3', namedNode(`${XSD}integer`)), null), 1);
    const writer = new Writer({ format: 'N-Triples' });
    for (const q of store) writer.addQuad(q);
    const text = await new Promise<string>((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
    assert.equal(text, `<http://example.org/s> <http://example.org/p> "chão"@pt .\n<http://example.org/s> <http://example.org/p> "3"^^<${XSD}integer> .\n`);
  });
});
