/** Comunica loads and answers on this Node version (undici 7 pinned for Node 20). */
import assert from 'node:assert/strict';
import { Store, DataFactory } from 'n3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import { loadQueryStore, runQuery, queryEngine } from '../../src/query/engine.js';
import { build } from '../../src/pipeline.js';
import { namedQueries } from '../../src/serve/query-page.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

type JsonTerm = { type: string; value: string; 'xml:lang'?: string; datatype?: string };

/** SPARQL JSON rows as a sorted list of strings, literal datatypes normalised (xsd:string implied). */
function rowSet(json: string): string[] {
  const parsed = JSON.parse(json) as { results: { bindings: Record<string, JsonTerm>[] } };
  return parsed.results.bindings.map((row) => JSON.stringify(Object.keys(row).sort().map((k) => {
    const t = row[k]!;
    return [k, t.type === 'typed-literal' ? 'literal' : t.type, t.value, t['xml:lang'] ?? '', t.datatype === 'http://www.w3.org/2001/XMLSchema#string' ? '' : (t.datatype ?? '')];
  }))).sort();
}

describe('query/comunica', function () {
  it('query/comunica imports and creates an engine', async function () {
    const engine = await queryEngine();
    assert.equal(typeof engine.queryBindings, 'function');
  });
  it('query/comunica answers SELECT over an in-memory store, union of named graphs', async function () {
    const { namedNode, literal, quad } = DataFactory;
    const store = new Store([quad(namedNode('urn:x:a'), namedNode('urn:x:p'), literal('v'), namedNode('urn:x:g'))]);
    const r = await runQuery('SELECT ?o WHERE { <urn:x:a> <urn:x:p> ?o }', store, 'csv');
    assert.equal(r.text.replace(/\r/g, ''), 'o\nv\n');
  });

  it('query/comunica OPTIONAL over local data is a hash join, not one sub-query per row, and keeps rows without a match', async function () {
    const { namedNode, literal, quad } = DataFactory;
    const store = new Store();
    for (let i = 0; i < 300; i++) {
      store.addQuad(quad(namedNode(`urn:x:s${i}`), namedNode('urn:x:label'), literal(`s${i}`), namedNode('urn:x:g')));
      if (i % 3 === 0) store.addQuad(quad(namedNode(`urn:x:s${i}`), namedNode('urn:x:status'), literal(`status ${i}`), namedNode('urn:x:g')));
    }
    const query = 'SELECT ?s ?label ?status WHERE { ?s <urn:x:label> ?label OPTIONAL { ?s <urn:x:status> ?status } }';
    const engine = await queryEngine();
    const plan = (await engine.explain(query, { sources: [store], unionDefaultGraph: true } as never, 'physical')).data as string;
    assert.match(plan, /join-optional\(hash/, plan);
    assert.doesNotMatch(plan, /join-optional\(bind\)/, plan);
    const rows = JSON.parse((await runQuery(query, store, 'json')).text) as { results: { bindings: Record<string, { value: string }>[] } };
    assert.equal(rows.results.bindings.length, 300);
    assert.equal(rows.results.bindings.filter((b) => b.status).length, 100);
    assert.ok(rows.results.bindings.every((b) => !b.status || b.status.value === `status ${b.s!.value.slice('urn:x:s'.length)}`));
  });

  it('query/named-queries answer the same rows on Comunica and on Oxigraph (standard SPARQL, no engine quirks)', async function () {
    this.timeout(120_000);
    const dir = join(tempDir(), 'dist');
    await build([SOURCES], { out: dir });
    const store = await loadQueryStore(dir);
    const oxi = new oxigraph.Store();
    oxi.load(readFileSync(join(dir, 'dih.nq'), 'utf8'), { format: 'application/n-quads' });
    const queries = Object.entries(namedQueries());
    assert.ok(queries.length >= 7);
    for (const [name, query] of queries) {
      const ours = rowSet((await runQuery(query, store, 'json')).text);
      const theirs = rowSet(oxi.query(query, { results_format: 'json', use_default_graph_as_union: true }) as string);
      assert.deepEqual(ours, theirs, name);
      assert.ok(ours.length > 0, `${name} answers something on the example`);
    }
  });
});
