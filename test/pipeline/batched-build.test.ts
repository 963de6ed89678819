/**
 * A build in batches publishes the same graph as the build that holds it whole: the same quads,
 * the same triples in every serialization, the same VoID, validation report, pages and CSVs.
 * Sources: the example sources plus a synthetic registry (JRC-style NGSI-LD and curated YAML,
 * with near-duplicates to merge), cut into batches of 7 hubs.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchSizeFor, build, DEFAULT_BATCH_HUBS, IN_MEMORY_HUBS, type BuildResult } from '../../src/pipeline.js';
import { MergedBatches } from '../../src/batch-plan.js';
import { writeSynthetic } from '../../bench/generate.js';
import { SHARED, SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, parseJsonLd, parseRdf, parseRdfXmlText } from '../helpers/graph.js';
import { quadToNq, tripleToNt } from '../../src/publish/serialize.js';
import { mergeCounts } from '../../src/merge/summary.js';

/**
 * Curated records (IRIs by name, not scoped to the record) that describe the same organisation
 * and one another's hubs: subjects that several batches describe.
 */
const WORDS = ['Aurora', 'Borealis', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Indigo', 'Juniper', 'Krypton', 'Lumen'];
const SHARED_RECORDS = Array.from({ length: 12 }, (_, i) => [
  `source: {registry: curated, id: shared-${i}, date: "2025-06-01"}`,
  'hub: hub',
  'entities:',
  `  hub: {kind: hub, name: "${WORDS[i]} Hub", status: "Fully operational", hubType: DIH, country: PRT, homepage: "https://www.${WORDS[i]!.toLowerCase()}-hub.pt/"}`,
  '  uni: {name: "University of Sharedtown", types: ["university"], country: PRT}',
  `  next: {kind: hub, name: "${WORDS[(i + 5) % 12]} Hub", country: PRT}`,
  'relations:',
  '  - [uni, hosts, hub]',
  '  - [next, partner of, hub]',
  '',
].join('\n')).join('---\n');

const lines = (text: string): string[] => text.split('\n').filter(Boolean);
const quadSet = (text: string): Set<string> => new Set(parseRdf(text, 'application/n-quads').map(quadToNq));
const tripleSetOf = (quads: Iterable<Parameters<typeof tripleToNt>[0]>): Set<string> => new Set([...quads].map(tripleToNt));

function filesUnder(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(sub, e.name)) : [join(sub, e.name)])).sort();
}

describe('pipeline/batched-build', function () {
  this.timeout(300_000);
  let whole: string, batched: string;
  let wholeResult: BuildResult, batchedResult: BuildResult;
  before(async function () {
    const sources = tempDir('dih-ld-batched-src-');
    writeSynthetic(40, sources);
    writeFileSync(join(sources, 'shared.yaml'), SHARED_RECORDS);
    whole = join(tempDir(), 'whole');
    batched = join(tempDir(), 'batched');
    wholeResult = await build([SOURCES, sources], { out: whole, batchHubs: 1_000_000 });
    batchedResult = await build([SOURCES, sources], { out: batched, batchHubs: 7 });
  });
  const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

  it('pipeline/batched-build/batchSizeFor: whole up to IN_MEMORY_HUBS hubs, then DEFAULT_BATCH_HUBS at a time; with --batch-hubs N, above N, N at a time', function () {
    const cases: [number, number | undefined, number | undefined][] = [
      [1, undefined, undefined],
      [IN_MEMORY_HUBS, undefined, undefined],
      [IN_MEMORY_HUBS + 1, undefined, DEFAULT_BATCH_HUBS],
      [100_000, undefined, DEFAULT_BATCH_HUBS],
      [4, 4, undefined],
      [5, 4, 4],
      [100_000, 1_000_000, undefined],
    ];
    for (const [hubs, option, expected] of cases) assert.equal(batchSizeFor(hubs, option), expected, `${hubs} hubs, --batch-hubs ${option}`);
    assert.ok(DEFAULT_BATCH_HUBS < IN_MEMORY_HUBS);
  });

  it('pipeline/batched-build/MergedBatches gives back each batch\'s merged hubs and conflicts as planned, concepts as maps', async function () {
    const { readSources } = await import('../../src/sources/index.js');
    const { mergeRecords } = await import('../../src/merge/index.js');
    const { loadConcepts } = await import('../../src/vocab/concepts.js');
    const { records } = await readSources([join(SHARED, 'data', 'registries'), SOURCES]);
    const merge = mergeRecords(records, loadConcepts(), 'https://w3id.org/dih/');
    assert.ok(merge.conflicts.length > 0 && merge.hubs.some((h) => h.concepts.size > 0));
    const batches = [0, 1, 2].map((k) => ({ hubs: merge.hubs.filter((_, i) => i % 3 === k), records: [k], conflicts: merge.conflicts.filter((_, i) => i % 3 === k) }));
    const planned = batches.map((b) => ({ hubs: [...b.hubs], conflicts: [...b.conflicts] }));
    const packed = new MergedBatches(batches);
    assert.ok(batches.every((b) => !b.hubs.length && !b.conflicts.length && b.records.length === 1), 'the batches keep their records only');
    for (const [b, expected] of planned.entries()) assert.deepEqual(packed.get(b), expected);
  });

  it('pipeline/batched-build runs in several batches and holds no statement array', function () {
    assert.equal(wholeResult.batches, 1);
    assert.ok(batchedResult.batches >= 6, `${batchedResult.batches} batches`);
    assert.equal(batchedResult.quads.length, 0);
    assert.equal(batchedResult.triples, wholeResult.triples);
    assert.deepEqual(batchedResult.records.map((r) => r.source), wholeResult.records.map((r) => r.source), 'the sources of the records, for the summary');
    assert.ok(wholeResult.triples > 5000, `${wholeResult.triples} triples`);
  });


  it('pipeline/batched-build/merge: its counts come without unpacking the hubs, which are the same when read', function () {
    assert.deepEqual(batchedResult.mergeCounts, wholeResult.mergeCounts);
    assert.ok(batchedResult.mergeCounts.merged > 0, JSON.stringify(batchedResult.mergeCounts));
    // Unpacked when first read (the CLI never reads them): a getter, not an array made at the end.
    assert.equal(typeof Object.getOwnPropertyDescriptor(batchedResult.merge, 'hubs')?.get, 'function');
    assert.deepEqual(mergeCounts(batchedResult.merge), wholeResult.mergeCounts);
    assert.deepEqual(batchedResult.merge.hubs.map((h) => h.iri).sort(), wholeResult.merge.hubs.map((h) => h.iri).sort());
  });
  it('pipeline/batched-build/nquads are the same quads', function () {
    const a = quadSet(read(whole, 'dih.nq'));
    const b = quadSet(read(batched, 'dih.nq'));
    assert.deepEqual(diffSets(a, b), { onlyA: [], onlyB: [] });
    assert.equal(lines(read(batched, 'dih.nq')).length, b.size, 'no quad written twice');
  });

  it('pipeline/batched-build/ntriples has every triple once', function () {
    const a = new Set(lines(read(whole, 'dih.nt')));
    const written = lines(read(batched, 'dih.nt'));
    assert.deepEqual(diffSets(a, new Set(written)), { onlyA: [], onlyB: [] });
    assert.equal(written.length, a.size, 'no triple written twice');
  });

  it('pipeline/batched-build/turtle-jsonld-rdfxml are the same graph as dih.nt', async function () {
    const nt = new Set(lines(read(whole, 'dih.nt')));
    const others: [string, Set<string>][] = [
      ['dih.ttl', tripleSetOf(parseRdf(read(batched, 'dih.ttl'), 'text/turtle'))],
      ['dih.jsonld', tripleSetOf(await parseJsonLd(read(batched, 'dih.jsonld')))],
      ['dih.rdf', tripleSetOf(parseRdfXmlText(read(batched, 'dih.rdf')))],
    ];
    for (const [name, set] of others) assert.deepEqual(diffSets(set, new Set([...nt].map((l) => tripleToNt(parseRdf(l, 'application/n-triples')[0]!)))), { onlyA: [], onlyB: [] }, name);
  });

  it('pipeline/batched-build/void and the validation report say the same', function () {
    for (const f of ['void.ttl', 'validation-report.ttl']) {
      const a = tripleSetOf(parseRdf(read(whole, f), 'text/turtle'));
      const b = tripleSetOf(parseRdf(read(batched, f), 'text/turtle'));
      assert.deepEqual(diffSets(a, b), { onlyA: [], onlyB: [] }, f);
    }
    assert.deepEqual(batchedResult.validation, wholeResult.validation);
    assert.deepEqual(batchedResult.diagnostics, wholeResult.diagnostics);
  });

  it('pipeline/batched-build/site has the same pages, byte for byte', function () {
    const pages = (dir: string) => filesUnder(dir).filter((f) => f.endsWith('.html') || f.endsWith('.css'));
    assert.deepEqual(pages(batched), pages(whole));
    assert.ok(pages(whole).length > 40);
    for (const f of pages(whole)) assert.equal(read(batched, f), read(whole, f), f);
  });

  it('pipeline/batched-build/catalogue and merge files: the same, but for the dumps\' bytes and the query index', function () {
    for (const f of ['links.csv', 'conflicts.csv']) assert.equal(read(batched, f), read(whole, f), f);
    assert.ok(existsSync(join(whole, 'dih.nq.idx')));
    assert.ok(!existsSync(join(batched, 'dih.nq.idx')), 'no query index: query and serve read dih.nq');
    assert.deepEqual(filesUnder(batched).filter((f) => !f.endsWith('.html')), filesUnder(whole).filter((f) => !f.endsWith('.html') && f !== 'dih.nq.idx'));
    // The catalogue describes what was written: sizes of the batched build's own files.
    const catalog = read(batched, 'catalog.ttl');
    for (const f of ['dih.nq', 'dih.nt', 'dih.ttl', 'dih.jsonld', 'dih.rdf']) {
      const size = readFileSync(join(batched, f)).byteLength;
      assert.match(catalog, new RegExp(`"${size}"\\^\\^xsd:nonNegativeInteger|byteSize ${size}\\b|"${size}"`), `${f} size ${size} in catalog.ttl`);
    }
    const facts = (dir: string) => [...tripleSetOf(parseRdf(read(dir, 'catalog.ttl'), 'text/turtle'))].filter((t) => !/checksum|byteSize|spdx/.test(t)).sort();
    assert.deepEqual(facts(batched), facts(whole));
  });
});
