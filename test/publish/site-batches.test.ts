/**
 * The HTML site made batch by batch (hubPagePaths, hubPagesOf per batch, siteFrame) is the site
 * htmlSite makes of the whole graph: same files, same index, same hub pages. Batches are made as a
 * build makes them: the records of whole hubs with their merged description, the vocabularies
 * apart; links to a hub of another batch take its label from hubLabels.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { assemble } from '../../src/pipeline.js';
import { htmlSite, hubPagePaths, hubPagesOf, siteFrame, type IndexRow } from '../../src/publish/html/site.js';
import { GraphView } from '../../src/publish/html/graph-view.js';
import { loadConcepts, type ConceptIndex } from '../../src/vocab/concepts.js';
import { dih, prov, rdf } from '../../src/vocab/namespaces.js';
import { writeSynthetic } from '../../bench/generate.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

const BASE = 'https://w3id.org/dih/';
const PUBLICATION = 'https://example.org/dih/';
const VOCABULARIES = `${BASE}vocabularies`;
const MERGED = `${BASE}merged`;

const isHubType = (q: Quad): boolean => q.predicate.value === rdf.type && q.object.value === dih.DigitalInnovationHub;

/**
 * The quads in `n` batches of whole hubs, plus a last batch of the vocabularies: a record's graph
 * goes with the hubs derived from it (hubs sharing a record stay together), the merged graph and
 * the default graph (descriptions of the records, derivations) with the record or hub their
 * subject is minted under.
 */
function hubBatches(quads: Quad[], n: number): { quads: Quad[]; hubs: string[] }[] {
  const hubs = [...new Set(quads.filter(isHubType).map((q) => q.subject.value))].sort();
  // record graph -> hubs derived from it or described in it
  const recordsOf = new Map<string, Set<string>>();
  const note = (record: string, hub: string): void => void recordsOf.set(record, (recordsOf.get(record) ?? new Set()).add(hub));
  for (const q of quads) {
    if (q.predicate.value === prov.wasDerivedFrom && hubs.includes(q.subject.value)) note(q.object.value, q.subject.value);
    else if (isHubType(q) && ![MERGED, VOCABULARIES, ''].includes(q.graph.value)) note(q.graph.value, q.subject.value);
  }
  // Union-find of hubs that share a record: they are one batch's.
  const parent = new Map(hubs.map((h) => [h, h]));
  const root = (h: string): string => (parent.get(h) === h ? h : root(parent.get(h)!));
  for (const [first, ...rest] of [...recordsOf.values()].map((group) => [...group])) for (const h of rest) parent.set(root(h), root(first!));
  const roots = [...new Set(hubs.map(root))];
  const batchOfHub = new Map(hubs.map((h) => [h, roots.indexOf(root(h)) % n]));
  const batchOfRecord = new Map([...recordsOf].map(([g, group]) => [g, batchOfHub.get([...group][0]!)!]));
  const owner = (iri: string, of: Map<string, number>): number | undefined => {
    for (let at = iri.length; at > 0; at = iri.lastIndexOf('/', at - 1)) {
      const b = of.get(iri.slice(0, at));
      if (b !== undefined) return b;
    }
    return undefined;
  };
  const batches = Array.from({ length: n + 1 }, () => ({ quads: [] as Quad[], hubs: [] as string[] }));
  for (const q of quads) {
    const g = q.graph.value;
    const b = g === VOCABULARIES ? n : g === MERGED ? owner(q.subject.value, batchOfHub) : g === '' ? owner(q.subject.value, batchOfRecord) ?? owner(q.subject.value, batchOfHub) : batchOfRecord.get(g);
    assert.ok(b !== undefined, `no batch for ${q.subject.value} in graph ${g}`);
    batches[b]!.quads.push(q);
  }
  for (const h of hubs) batches[batchOfHub.get(h)!]!.hubs.push(h);
  return batches;
}

/** What a build's first pass learns of every batch: each hub's label as its batch shows it. */
function hubLabelsOf(batches: { quads: Quad[]; hubs: string[] }[], concepts: ConceptIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of batches) {
    const view = new GraphView(b.quads, concepts);
    for (const h of b.hubs) out.set(h, view.label(h));
  }
  return out;
}

describe('publish/site-batches', function () {
  this.timeout(120_000);
  let quads: Quad[];
  let concepts: ConceptIndex;
  let whole: Map<string, string>;
  before(async function () {
    const synthetic = join(tempDir(), 'synthetic');
    writeSynthetic(30, synthetic);
    const built = await assemble([SOURCES, synthetic]);
    quads = built.quads;
    concepts = loadConcepts(BASE);
    whole = htmlSite({ quads, records: built.records, base: BASE, publicationBase: PUBLICATION, concepts });
  });

  it('publish/site-batches/hubPagePaths gives each hub the path htmlSite gives it, whatever the order of the hubs', function () {
    const hubs = [...new Set(quads.filter(isHubType).map((q) => q.subject.value))];
    const pages = hubPagePaths([...hubs].reverse(), BASE);
    assert.deepEqual(pages, hubPagePaths(hubs, BASE));
    assert.deepEqual([...pages.values()].sort(), [...whole.keys()].filter((p) => p.startsWith('hub/')).sort());
  });

  it('publish/site-batches/hubPagePaths tells clashing slugs apart, the first hub in IRI order keeping the plain one', function () {
    const pages = hubPagePaths(['x:y', `${BASE}hub/x-y`, `${BASE}hub/x-y`], BASE);
    assert.equal(pages.size, 2);
    const [first, second] = [...pages.keys()];
    assert.ok(first! < second!);
    assert.equal(pages.get(first!), 'hub/x-y.html');
    assert.equal(pages.get(second!), 'hub/x-y-2.html');
  });

  it('publish/site-batches/hubPagesOf over three batches of whole hubs and siteFrame make the site htmlSite makes', function () {
    const batches = hubBatches(quads, 3);
    assert.ok(batches.slice(0, 3).every((b) => b.hubs.length > 5), 'three batches of several hubs');
    const pages = hubPagePaths(batches.flatMap((b) => b.hubs), BASE);
    const hubLabels = hubLabelsOf(batches, concepts);
    const site = new Map<string, string>();
    const rows: IndexRow[] = [];
    for (const b of batches) {
      const told: [number, number][] = [];
      const made = hubPagesOf({ quads: b.quads, hubs: b.hubs, pages, hubLabels, base: BASE, concepts, onPage: (done, total) => void told.push([done, total]) });
      assert.deepEqual(told, b.hubs.map((_, i) => [i + 1, b.hubs.length]));
      for (const [path, html] of made.pages) site.set(path, html);
      rows.push(...made.rows);
    }
    for (const [path, content] of siteFrame(rows, pages, PUBLICATION)) site.set(path, content);
    assert.deepEqual([...site.keys()].sort(), [...whole.keys()].sort());
    assert.equal(site.get('index.html'), whole.get('index.html'));
    const differing = [...whole].filter(([path, html]) => site.get(path) !== html).map(([path]) => path);
    assert.deepEqual(differing, []);
  });

  it('publish/site-batches/a link to a hub of another batch takes its label from hubLabels, so the page does not change', function () {
    // The example record describes two hubs, one hosting a relation of the other: the second
    // hub's own statements go to another batch (the memberships around it stay with the first).
    const platform = `${BASE}hub/produtech-digital-innovation-hub-national-platform`;
    const other = `${BASE}hub/iman-norte-hub`;
    const pages = hubPagePaths([platform, other, ...quads.filter(isHubType).map((q) => q.subject.value)], BASE);
    const first = quads.filter((q) => q.subject.value !== other);
    const hubLabels = new Map([[other, new GraphView(quads, concepts).label(other)]]);
    const page = (labels: Map<string, string>) => hubPagesOf({ quads: first, hubs: [platform], pages, hubLabels: labels, base: BASE, concepts }).pages.get(pages.get(platform)!);
    assert.equal(page(hubLabels), whole.get(pages.get(platform)!));
    assert.notEqual(page(new Map()), whole.get(pages.get(platform)!), 'the page links to the other hub');
  });

  it('publish/site-batches/hubLabels never replace a label the batch has', function () {
    const platform = `${BASE}hub/produtech-digital-innovation-hub-national-platform`;
    const pages = hubPagePaths(quads.filter(isHubType).map((q) => q.subject.value), BASE);
    const made = hubPagesOf({ quads, hubs: [platform], pages, hubLabels: new Map([[platform, 'Not this label']]), base: BASE, concepts });
    assert.equal(made.pages.get(pages.get(platform)!), whole.get(pages.get(platform)!));
    assert.equal(made.rows[0]?.label, 'PRODUTECH Digital Innovation Hub National Platform');
  });

  it('publish/site-batches/siteFrame refuses an index that misses a hub or lists one twice', function () {
    const pages = new Map([[`${BASE}hub/a`, 'hub/a.html'], [`${BASE}hub/b`, 'hub/b.html']]);
    const row = (hub: string): IndexRow => ({ hub, label: hub, status: '', country: '', hosts: '' });
    assert.throws(() => siteFrame([row(`${BASE}hub/a`)], pages, PUBLICATION), /one row per hub page/);
    assert.throws(() => siteFrame([row(`${BASE}hub/a`), row(`${BASE}hub/a`)], pages, PUBLICATION), /one row per hub page/);
    assert.equal(siteFrame([row(`${BASE}hub/b`), row(`${BASE}hub/a`)], pages, PUBLICATION).size, 3);
  });
});
