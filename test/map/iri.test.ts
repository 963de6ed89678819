/** IRI minting and checking: stable slugs, and nothing unsafe ever reaches a serializer. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Parser, DataFactory } from 'n3';
import { IriMinter, isSafeIri, normaliseWebsite, slugify } from '../../src/map/iri.js';
import { toJsonLd, toNTriples, toTurtle } from '../../src/publish/serialize.js';
import { parseJsonLd, parseRdfXmlText } from '../helpers/graph.js';
import { toRdfXml } from '../../src/publish/rdfxml.js';
import { cleanText } from '../../src/map/text.js';

const { namedNode, literal, quad } = DataFactory;

describe('map/iri', function () {
  it('map/iri/slugify of ASCII, which skips the folding, is what the folding gives', function () {
    // a combining accent makes the name non-ASCII, so folded, and folding drops it again
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 120 });
    fc.assert(fc.property(ascii, (s) => slugify(s) === slugify(`${s}\u0301`)));
    for (const name of ['PRODUTECH DIH', 'Hub & Co. (Porto)', '  --Smart  Hub 4.0--  ', '', 'x'.repeat(90)]) assert.equal(slugify(name), slugify(`${name}\u0301`), name);
  });

  it('map/iri/slugify folds accents and punctuation the same for NFC and NFD input', function () {
    assert.equal(slugify('Indústria 4.0 Strategic Committee'), 'industria-4-0-strategic-committee');
    assert.equal(slugify('Indu\u0301stria'), slugify('Ind\u00fastria'));
    assert.equal(slugify('PRODUTECH – Production Technologies Cluster'), 'produtech-production-technologies-cluster');
    assert.equal(slugify('R&D'), 'r-and-d');
  });

  it('map/iri/slugify keeps long names that differ only after the cut apart', function () {
    const stem = 'AIR4S - Artificial Intelligence & Robotics for Sustainable Development Goals, ';
    const a = slugify(`${stem}founding partner organisation one`);
    const b = slugify(`${stem}founding partner organisation two`);
    assert.notEqual(a, b);
    assert.ok(a.length <= 80, a);
    assert.equal(a, slugify(`${stem}founding partner organisation one`));
  });

  it('map/iri/slugify gives a name the same slug again, from its cache or after the cache was emptied', function () {
    // slug-shaped names take a shortcut; the others the whole folding
    const names = ['produtech-dih', 'x'.repeat(81), 'a--b', '-lead', 'Hub & Co.', 'source/jrc/107329/hub', 'Indu\u0301stria'];
    const first = names.map(slugify);
    assert.deepEqual(first, ['produtech-dih', `${'x'.repeat(71)}-${first[1]!.slice(-8)}`, 'a-b', 'lead', 'hub-and-co', 'source-jrc-107329-hub', 'industria']);
    assert.deepEqual(names.map(slugify), first);
    for (let i = 0; i < 30_000; i++) slugify(`name ${i}`);
    assert.deepEqual(names.map(slugify), first);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => slugify(slugify(s)) === slugify(s)));
  });

  it('map/iri/slugify output is always a safe path segment', function () {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => /^[a-z0-9]+(-[a-z0-9]+)*$|^x$/.test(slugify(s))));
  });

  it('map/iri/minted IRIs are safe for any name', function () {
    const minter = new IriMinter('https://w3id.org/dih/');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => isSafeIri(minter.hub(s)) && isSafeIri(minter.org(s))));
  });

  it('map/iri/isSafeIri rejects IRI injection, spaces, controls and relative IRIs', function () {
    for (const bad of ['http://a> <http://b> <http://c', 'http://a b', 'http://a\nb', 'relative/path', 'http://a"b', 'http://a\u202eb']) assert.equal(isSafeIri(bad), false, bad);
    assert.equal(isSafeIri('https://w3id.org/dih/hub/x'), true);
    // a lone surrogate is refused, a pair is not (the shortcut that skips stripping pairs must not change either)
    for (const lone of ['http://a\uD800b', 'http://a\uDC00', 'http://\uD83D\uDE00\uD83Db']) assert.equal(isSafeIri(lone), false, JSON.stringify(lone));
    assert.equal(isSafeIri('http://a\uD83D\uDE00b'), true);
  });

  it('map/iri/normaliseWebsite accepts http(s) with a host and refuses the rest', function () {
    assert.equal(normaliseWebsite('www.produtech.org').url, 'http://www.produtech.org/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'mailto:a@b.eu', 'Website', '/dih/123', 'http://localhost/']) {
      assert.ok(normaliseWebsite(bad).problem, bad);
    }
  });

  it('map/iri/any literal survives N-Triples and Turtle unchanged (property)', async function () {
    // Well-formed strings only: lone surrogates cannot be encoded as UTF-8 at all (issue: hostile input).
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary' }).filter((s) => s.isWellFormed()), async (s) => {
      const q = quad(namedNode('https://w3id.org/dih/hub/x'), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(s, 'en'));
      for (const [text, format] of [[toNTriples([q]), 'application/n-triples'], [await toTurtle([q]), 'text/turtle']] as const) {
        const back = new Parser({ format }).parse(text);
        assert.equal(back.length, 1, text);
        assert.equal(back[0]!.object.value, s);
      }
    }), { numRuns: 300 });
  });

  it('map/iri/any literal and minted IRI survive JSON-LD unchanged (property)', async function () {
    const minter = new IriMinter('https://w3id.org/dih/');
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary' }).filter((s) => s.isWellFormed()), async (s) => {
      const q = quad(namedNode(minter.org(s)), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(s, 'en'));
      const back = await parseJsonLd(await toJsonLd([q]));
      assert.equal(back.length, 1);
      assert.equal(back[0]!.subject.value, minter.org(s));
      assert.equal(back[0]!.object.value, s);
    }), { numRuns: 100 });
  });

  it('map/iri/cleanText replaces what no UTF-8 or XML can carry (lone surrogates, NUL, U+FFFE, U+FFFF) by U+FFFD', function () {
    assert.equal(cleanText('a\u0000b\uFFFEc\uFFFFd\uD800e'), 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    assert.equal(cleanText('kept: \uD83D\uDE00 \u0007'), 'kept: \uD83D\uDE00 \u0007');
    const q = quad(namedNode('https://w3id.org/dih/hub/x'), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(cleanText('x\uFFFF'), 'en'));
    assert.equal(parseRdfXmlText(toRdfXml([q]))[0]?.object.value, 'x\uFFFD');
  });

  it('map/iri/any literal (as the mapper cleans it) and minted IRI survive RDF/XML unchanged (property)', function () {
    const minter = new IriMinter('https://w3id.org/dih/');
    // The mapper hands every string through cleanText (NFC, no lone surrogate, no NUL): that is what reaches RDF/XML.
    fc.assert(fc.property(fc.string({ unit: 'binary' }).map(cleanText), (s) => {
      const q = quad(namedNode(minter.org(s)), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(s, 'en'));
      const back = parseRdfXmlText(toRdfXml([q]));
      assert.equal(back.length, 1);
      assert.equal(back[0]!.subject.value, minter.org(s));
      assert.equal(back[0]!.object.value, s);
    }), { numRuns: 200 });
  });
});
