/**
 * publish/dumps-stream: dih.nt, dih.ttl, dih.jsonld and dih.rdf written batch by batch by one
 * worker are the documents the one-shot writers make (one batch; N-Triples: any batches), the same graph however the triples are cut
 * into batches, and described by the digests of the bytes on disk.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, Parser, type Quad } from 'n3';
import { build } from '../../src/pipeline.js';
import { dumpsInWorker } from '../../src/publish/dumps.js';
import { startDumpsStream } from '../../src/publish/dumps-stream.js';
import { RdfXmlError, writeRdfXml } from '../../src/publish/rdfxml-writer.js';
import { CONTEXT_URL } from '../../src/publish/jsonld-loader.js';
import { nTriplesBytes, sortedTriples } from '../../src/publish/serialize.js';
import { baseTable, encodeTriples, encodeTriplesOver, termTable } from '../../src/util/triple-transfer.js';
import { sharedText } from '../../src/util/worker.js';
import { DEFAULT_BASE, prefixesFor } from '../../src/vocab/namespaces.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, parseJsonLd, parseRdf, parseRdfXmlText, tripleSet } from '../helpers/graph.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** Outside every given prefix: RDF/XML makes up ns1 for it. */
const EX = 'http://example.org/stream-test/';
/** Each blank node's own name, by which graphs whose parsers relabel blank nodes are compared. */
const KEY = `${EX}key`;
const FILES = ['dih.nt', 'dih.ttl', 'dih.jsonld', 'dih.rdf'];
const prefixes = prefixesFor(DEFAULT_BASE);

/** Hubs with what the real build lacks: blank nodes, C0 controls (XML 1.1), datatypes, languages, undeclared namespaces. */
function synthetic(): Quad[] {
  const out: Quad[] = [];
  const shared = blankNode('shared');
  out.push(quad(shared, namedNode(KEY), literal('shared')), quad(shared, namedNode(`${EX}note`), literal('one node, several hubs', 'en')));
  for (let i = 0; i < 12; i++) {
    const hub = namedNode(`${DEFAULT_BASE}hub/stream-${i}`);
    const contact = blankNode(`c${i}`);
    out.push(
      quad(hub, namedNode(RDF_TYPE), namedNode(i % 2 ? 'http://www.w3.org/ns/org#Organization' : `${EX}Thing`)),
      quad(hub, namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(`Hub ${i} é 😀`, i % 3 ? 'en' : 'pt-PT')),
      quad(hub, namedNode('http://purl.org/dc/terms/description'), literal(i === 7 ? 'bell \u0007, nel \u0085, cr \r\n and <&>' : `plain ${i}`)),
      quad(hub, namedNode(`${EX}count`), literal(String(i), namedNode(`${XSD}integer`))),
      quad(hub, namedNode(`${EX}code`), literal(`x${i}`, namedNode(`${EX}datatype?a&b`))),
      quad(hub, namedNode('http://example.org/other#contact'), contact),
      quad(hub, namedNode('http://example.org/other#contact'), shared),
      quad(contact, namedNode(KEY), literal(`c${i}`)),
      quad(contact, namedNode(`${EX}mail`), literal(`hub${i}@example.org`)),
    );
  }
  return out;
}

/** Triples as comparable lines, each blank node named by its KEY. */
function canonical(quads: readonly Quad[]): Set<string> {
  const keys = new Map<string, string>();
  for (const q of quads) if (q.subject.termType === 'BlankNode' && q.predicate.value === KEY) keys.set(q.subject.value, q.object.value);
  const named = <T extends Quad['subject'] | Quad['object']>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    const key = keys.get(t.value);
    assert.ok(key !== undefined, `blank node ${t.value} has a key`);
    return blankNode(`k-${key}`) as T;
  };
  return tripleSet(quads.map((q) => quad(named(q.subject), q.predicate, named(q.object))));
}

interface Streamed {
  files: Map<string, string>;
  digests: Map<string, { byteSize: number; sha256: string }>;
}

/**
 * The batches through a stream into a new folder; checks that the folder holds the four files and
 * the digests are theirs. With `over`, the batches are encoded over a base made of those triples.
 */
async function stream(batches: readonly (readonly Quad[])[], over?: readonly Quad[]): Promise<Streamed> {
  const dir = tempDir('dih-ld-stream-');
  const base = over ? baseTable(over) : undefined;
  const dumps = startDumpsStream(dir, prefixes, base);
  for (const batch of batches) await dumps.add(base ? encodeTriplesOver(base, batch) : encodeTriples(batch));
  const digests = await dumps.end();
  assert.deepEqual([...digests.keys()], FILES);
  assert.deepEqual(readdirSync(dir).sort(), [...FILES].sort(), 'the four files, the temporary body removed');
  const files = new Map<string, string>();
  for (const name of FILES) {
    const bytes = readFileSync(join(dir, name));
    assert.deepEqual(digests.get(name), { byteSize: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }, name);
    files.set(name, bytes.toString('utf8'));
  }
  return { files, digests };
}

/** Each of the four files read back as `expected` (canonical triples). */
async function assertSameGraph(files: Map<string, string>, expected: Set<string>): Promise<void> {
  const parsed: [string, Quad[]][] = [
    ['dih.nt', parseRdf(files.get('dih.nt')!, 'application/n-triples')],
    ['dih.ttl', parseRdf(files.get('dih.ttl')!, 'text/turtle')],
    ['dih.jsonld', await parseJsonLd(files.get('dih.jsonld')!)],
    ['dih.rdf', parseRdfXmlText(files.get('dih.rdf')!)],
  ];
  for (const [name, quads] of parsed) assert.deepEqual(diffSets(canonical(quads), expected), { onlyA: [], onlyB: [] }, name);
}

/** The triples cut before each of `cuts` (indices, any order, repeats make empty batches). */
function cutAt(triples: readonly Quad[], cuts: readonly number[]): Quad[][] {
  const at = [0, ...[...cuts].sort((a, b) => a - b), triples.length];
  return at.slice(1).map((end, i) => triples.slice(at[i], end));
}

/** Indices where a new subject starts (0 excluded). */
function subjectStarts(triples: readonly Quad[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < triples.length; i++) if (!triples[i]!.subject.equals(triples[i - 1]!.subject)) out.push(i);
  return out;
}

describe('publish/dumps-stream', function () {
  this.timeout(180_000);
  /** A real build's triples plus the synthetic ones, in publication order. */
  let triples: Quad[];
  let expected: Set<string>;
  let oneShot: Map<string, string>;

  before(async function () {
    const dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    const built = new Parser({ format: 'application/n-quads' }).parse(readFileSync(join(dir, 'dih.nq'), 'utf8'));
    assert.ok(built.length > 1000, `a real graph (${built.length} quads)`);
    triples = sortedTriples([...built, ...synthetic()]);
    expected = canonical(triples);
    const bytes = await dumpsInWorker(encodeTriples(triples), prefixes);
    oneShot = new Map([...bytes].map(([name, b]) => [name, Buffer.from(b).toString('utf8')]));
    // the in-memory build writes dih.nt on its main thread
    oneShot.set('dih.nt', nTriplesBytes(triples).toString('utf8'));
  });

  it('publish/dumps-stream/one-batch writes the very files dumpsInWorker makes', async function () {
    const { files } = await stream([triples]);
    for (const name of FILES) assert.ok(files.get(name) === oneShot.get(name), `${name} differs from the one-shot writer's`);
    // what the synthetic triples are there for
    assert.match(files.get('dih.rdf')!, /^<\?xml version="1\.1"/);
    assert.match(files.get('dih.rdf')!, /xmlns:ns1="http:\/\/example\.org\/stream-test\/"/);
    assert.match(files.get('dih.rdf')!, /rdf:nodeID="b\d+"/);
    await assertSameGraph(files, expected);
  });

  it('publish/dumps-stream/over-a-base: batches encoded over a base the worker holds write the very files of batches encoded whole', async function () {
    const half = Math.floor(triples.length / 2);
    const cut = [triples.slice(0, half), triples.slice(half)];
    const whole = await stream(cut);
    // the base shares terms with the batches (subjects, predicates, objects) but is not written itself
    const over = await stream(cut, triples.filter((_, i) => i % 3 === 0));
    for (const name of FILES) assert.ok(over.files.get(name) === whole.files.get(name), `${name} differs`);
  });

  it('publish/dumps-stream/subject-batches cut between subjects give the same Turtle and JSON-LD bytes, and the same RDF/XML graph', async function () {
    const starts = subjectStarts(triples);
    const every = (n: number) => starts.filter((_, i) => i % n === n - 1);
    for (const cuts of [every(1), every(37), [starts[0]!, starts.at(-1)!]]) {
      const { files } = await stream(cutAt(triples, cuts));
      assert.ok(files.get('dih.nt') === oneShot.get('dih.nt'), `dih.nt, ${cuts.length + 1} batches`);
      assert.ok(files.get('dih.ttl') === oneShot.get('dih.ttl'), `dih.ttl, ${cuts.length + 1} batches`);
      assert.ok(files.get('dih.jsonld') === oneShot.get('dih.jsonld'), `dih.jsonld, ${cuts.length + 1} batches`);
      assert.match(files.get('dih.rdf')!, /^<\?xml version="1\.1"/);
      await assertSameGraph(files, expected);
    }
  });

  it('publish/dumps-stream/random-batches, cutting subjects in two and leaving some empty, give the same graph in every file (property)', async function () {
    // The synthetic triples only: small, and each run starts a worker.
    const small = sortedTriples(synthetic());
    const smallExpected = canonical(small);
    const smallTurtle = (await stream([small])).files.get('dih.ttl');
    const smallNTriples = nTriplesBytes(small).toString('utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: small.length }), { minLength: 1, maxLength: 6 }), async (cuts) => {
        const { files } = await stream(cutAt(small, cuts));
        // One n3 writer for the whole file continues a cut subject as if never cut.
        assert.ok(files.get('dih.ttl') === smallTurtle);
        assert.ok(files.get('dih.nt') === smallNTriples);
        assert.match(files.get('dih.rdf')!, /^<\?xml version="1\.1"/);
        const json = files.get('dih.jsonld')!;
        assert.equal(json, `${JSON.stringify(JSON.parse(json), null, 2)}\n`, 'printed as JSON.stringify prints it');
        await assertSameGraph(files, smallExpected);
      }),
      { numRuns: 12 },
    );
  });

  it('publish/dumps-stream/subject-returns: a subject described again in a later batch, not the next one, is the same graph', async function () {
    const starts = subjectStarts(triples);
    // the first subject's last triple goes to a batch of its own at the end
    const last = starts[0]! - 1;
    assert.ok(last > 0, 'the first subject has two triples or more');
    const batches = [triples.slice(0, last), triples.slice(last + 1, starts[40]), triples.slice(starts[40]), [triples[last]!]];
    const { files } = await stream(batches);
    await assertSameGraph(files, expected);
  });

  it('publish/dumps-stream/edge: no triples, and one subject, are written in the "graph" form', async function () {
    const empty = JSON.stringify({ '@context': CONTEXT_URL, graph: [] }, null, 2);
    for (const batches of [[], [[]]]) {
      const { files } = await stream(batches);
      assert.equal(files.get('dih.jsonld'), `${empty}\n`);
      assert.equal(files.get('dih.ttl'), oneShotOf('dih.ttl', await dumpsInWorker(encodeTriples([]), prefixes)));
      assert.equal(files.get('dih.rdf'), oneShotOf('dih.rdf', await dumpsInWorker(encodeTriples([]), prefixes)));
      await assertSameGraph(files, new Set());
    }
    const hub = triples.filter((q) => q.subject.value === `${DEFAULT_BASE}hub/stream-7` && q.object.termType !== 'BlankNode');
    const { files } = await stream([hub]);
    const single = await dumpsInWorker(encodeTriples(hub), prefixes);
    // the one-shot writer makes the lone node the document itself
    const { '@context': context, ...node } = JSON.parse(oneShotOf('dih.jsonld', single)) as Record<string, unknown>;
    assert.equal(files.get('dih.jsonld'), `${JSON.stringify({ '@context': context, graph: [node] }, null, 2)}\n`);
    assert.equal(files.get('dih.ttl'), oneShotOf('dih.ttl', single));
    assert.equal(files.get('dih.rdf'), oneShotOf('dih.rdf', single));
    await assertSameGraph(files, canonical(hub));
  });

  it('publish/dumps-stream/rdfxml-error: a predicate RDF/XML cannot write rejects with RdfXmlError and its message, and the worker ends', async function () {
    const s = namedNode(`${DEFAULT_BASE}hub/x`);
    const bad = [quad(s, namedNode('http://example.org/p/'), literal('a'))];
    const message = (() => {
      try {
        writeRdfXml(termTable(bad), prefixes);
      } catch (err) {
        return (err as Error).message;
      }
      assert.fail('writeRdfXml refuses the predicate');
    })();
    assert.match(message, /does not end in an XML name/);
    const isIt = (err: unknown): boolean => err instanceof RdfXmlError && err.name === 'RdfXmlError' && err.message === message;

    const dumps = startDumpsStream(tempDir('dih-ld-stream-'), prefixes);
    await dumps.add(encodeTriples(triples.slice(0, 100)));
    // resolves once the batch before is written; the failure comes with the next call
    await dumps.add(encodeTriples(bad));
    await assert.rejects(dumps.add(encodeTriples(triples.slice(100, 200))), isIt);
    await assert.rejects(dumps.end(), isIt);
    dumps.abort();

    // an end waiting on the failing batch is rejected too
    const again = startDumpsStream(tempDir('dih-ld-stream-'), prefixes);
    await again.add(encodeTriples(bad));
    await assert.rejects(again.end(), isIt);

    // the one-shot worker gives the same error, as the same class
    await assert.rejects(dumpsInWorker(encodeTriples(bad), prefixes), isIt);
  });

  it('publish/dumps-stream/unsafe-iri: a batch with an IRI that could break a document is refused, over a base too, before any of it is written', async function () {
    const unsafe = 'http://example.org/a> <http://example.org/b';
    const bad = [quad(namedNode(unsafe), namedNode(`${EX}p`), literal('a'))];
    const isIt = (err: unknown): boolean => (err as Error).message === `unsafe or relative IRI: ${JSON.stringify(unsafe)}`;
    for (const over of [undefined, triples.slice(0, 50)]) {
      const dir = tempDir('dih-ld-stream-');
      const base = over ? baseTable(over) : undefined;
      const encode = (batch: readonly Quad[]) => (base ? encodeTriplesOver(base, batch) : encodeTriples(batch));
      const dumps = startDumpsStream(dir, prefixes, base);
      await dumps.add(encode(triples.slice(0, 100)));
      await dumps.add(encode(bad));
      await assert.rejects(dumps.end(), isIt);
      dumps.abort();
      for (const name of readdirSync(dir)) assert.ok(!readFileSync(join(dir, name), 'utf8').includes('example.org/a>'), `${name} has none of the refused batch`);
    }
  });

  it('publish/dumps-stream/failure: a batch the worker cannot read rejects end with the error of the worker', async function () {
    const dumps = startDumpsStream(tempDir('dih-ld-stream-'), prefixes);
    // ids into an empty term table
    await dumps.add({ terms: sharedText('[]'), ids: Int32Array.of(0, 1, 2) });
    await assert.rejects(dumps.end(), (err: Error) => !(err instanceof RdfXmlError) && err.message.length > 0);
  });

  it('publish/dumps-stream/abort lets a caller waiting on the worker go', async function () {
    const dumps = startDumpsStream(tempDir('dih-ld-stream-'), prefixes);
    await dumps.add(encodeTriples(triples));
    const waiting = dumps.add(encodeTriples(triples));
    const ending = dumps.end();
    dumps.abort();
    await assert.rejects(waiting, /aborted/);
    await assert.rejects(ending, /aborted/);
    await assert.rejects(dumps.add(encodeTriples(triples.slice(0, 3))), /aborted/);
  });
});

function oneShotOf(name: string, files: Map<string, Uint8Array>): string {
  return Buffer.from(files.get(name)!).toString('utf8');
}
