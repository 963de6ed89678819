/** Comunica loads and answers on this Node version (undici 7 pinned for Node 20). */
import assert from 'node:assert/strict';
import { Store, DataFactory } from 'n3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import { executeQuery, loadQueryStore, prepareQuery, QueryRefusal, runQuery, queryEngine } from '../../src/query/engine.js';
import { build } from '../../src/pipeline.js';
import { namedQueries } from '../../src/serve/query-page.js';
import { ROOT, SOURCES, tempDir } from '../helpers/paths.js';

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
      // A hub's facts are in its record's graph and in the merged graph, and the default graph is
      // their union: without DISTINCT one row came back once per combination of graphs (33 for 2).
      assert.equal(new Set(ours).size, ours.length, `${name} answers each row once`);
    }
  });

  it('query/comunica/time-limit: the engine stops a query at its limit and says so as the server does, in seconds', async function () {
    const { namedNode, literal, quad } = DataFactory;
    const store = new Store();
    for (let i = 0; i < 200; i++) store.addQuad(quad(namedNode(`urn:x:s${i}`), namedNode('urn:x:p'), literal(`v${i}`)));
    const slow = await prepareQuery('SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }');
    const started = Date.now();
    await assert.rejects(executeQuery(slow, store, 'text/csv', { timeoutMs: 300 }), (err: unknown) => err instanceof QueryRefusal && err.kind === 'timeout' && err.message === 'query stopped after the time limit of 0.3 s');
    assert.ok(Date.now() - started < 10_000, 'stopped near its limit');
  });

  it('query/comunica/bundle: the one-file Comunica that make builds loads, answers, and leaves a code cache for the next start', function () {
    this.timeout(60_000);
    const bundle = join(ROOT, 'lib', 'query', 'comunica.bundle.cjs');
    assert.ok(existsSync(bundle), `${bundle} is missing: make compile builds it`);
    rmSync(`${bundle}.v8cache`, { force: true });
    const script = `
      const { loadComunica } = await import(${JSON.stringify(join(ROOT, 'lib', 'query', 'comunica-load.js'))});
      const { runQuery, queryStore } = await import(${JSON.stringify(join(ROOT, 'lib', 'query', 'engine.js'))});
      const { DataFactory: f } = await import('n3');
      const { bundled } = await loadComunica();
      const store = queryStore([f.quad(f.namedNode('urn:x:a'), f.namedNode('urn:x:p'), f.literal('v'), f.namedNode('urn:x:g'))]);
      const r = await runQuery('SELECT ?o WHERE { ?s <urn:x:p> ?o OPTIONAL { ?s <urn:x:q> ?q } }', store, 'csv');
      console.log(JSON.stringify({ bundled, text: r.text }));`;
    for (const run of ['first (writes the cache)', 'second (reads it)']) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `${run}: ${r.stderr}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bundled: boolean; text: string };
      assert.equal(out.bundled, true, run);
      assert.equal(out.text.replace(/\r/g, ''), 'o\nv\n', run);
      assert.ok(existsSync(`${bundle}.v8cache`), `${run}: no code cache`);
    }
  });
});
