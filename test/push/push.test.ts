/**
 * dih-ld push against a real Virtuoso started by the test on 127.0.0.1 (test/push/virtuoso.ts):
 * every named graph lands and is counted, pushing twice changes nothing, and rejected or broken
 * uploads are reported graph by graph.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from '../../src/pipeline.js';
import { publicationGraphs } from '../../src/push/graphs.js';
import { countTriples, incompleteAnswer, pushGraphs } from '../../src/push/graph-store.js';
import { AuthenticatingFetcher, parseChallenge } from '../../src/push/http-auth.js';
import { runCli } from '../helpers/cli.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { VirtuosoInstance } from './virtuoso.js';

describe('push', function () {
  this.timeout(180_000);
  // One Virtuoso for every push test: its Digest endpoint is built in, the Basic one is defined here.
  let virtuoso: VirtuosoInstance;
  let dist: string;
  before(async function () {
    dist = join(tempDir(), 'dist');
    await build([SOURCES], { out: dist });
    virtuoso = await VirtuosoInstance.start();
    virtuoso.defineBasicGraphStore();
    virtuoso.createWriter('writer', 'writerpw');
    virtuoso.createReadOnlyUser('reader', 'readerpw');
  });
  after(async function () {
    await virtuoso?.stop();
  });

  describe('push/virtuoso', function () {
    it('push/virtuoso puts every named graph of the publication and counts the same triples back', async function () {
      const graphs = publicationGraphs(dist, 'https://w3id.org/dih/');
      assert.ok(graphs.some((g) => g.graph === 'https://w3id.org/dih/source/produtech/produtech-dih-national-platform'));
      assert.ok(graphs.some((g) => g.graph === 'https://w3id.org/dih/catalog'));
      const report = await pushGraphs(graphs, { graphStore: virtuoso.graphStore, credentials: { user: 'dba', password: virtuoso.password } });
      assert.equal(report.failed, 0, JSON.stringify(report.graphs, null, 1));
      for (const r of report.graphs) assert.equal(r.counted, r.sent, r.graph);
    });

    it('push/virtuoso pushing twice leaves the same triple count in every graph', async function () {
      const graphs = publicationGraphs(dist, 'https://w3id.org/dih/');
      const credentials = { user: 'dba', password: virtuoso.password };
      await pushGraphs(graphs, { graphStore: virtuoso.graphStore, credentials });
      const fetcher = new AuthenticatingFetcher(credentials);
      const first = await Promise.all(graphs.map((g) => countTriples(fetcher, virtuoso.sparql, g.graph)));
      const again = await pushGraphs(graphs, { graphStore: virtuoso.graphStore, credentials });
      assert.equal(again.failed, 0);
      const second = await Promise.all(graphs.map((g) => countTriples(fetcher, virtuoso.sparql, g.graph)));
      assert.deepEqual(second, first);
      assert.deepEqual(second, graphs.map((g) => g.triples));
    });

    it('push/virtuoso CLI: dih-ld push dist --graph-store ... --user dba --password ... exits 0 and lists each graph', function () {
      const r = runCli(['push', dist, '--graph-store', virtuoso.graphStore, '--user', 'dba', '--password', virtuoso.password]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^ok {3}https:\/\/w3id\.org\/dih\/source\/produtech\/produtech-dih-national-platform: landed, \d+ triples sent, HTTP 20\d, \d+ in store$/m);
      assert.match(r.stdout, /(\d+) of \1 graph\(s\) landed/);
    });

    it('push/virtuoso CLI: a wrong password is reported for every graph, exit 1, nothing claimed to have landed', function () {
      const r = runCli(['push', dist, '--graph-store', virtuoso.graphStore, '--user', 'dba', '--password', 'not-the-password']);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^FAIL https:\/\/w3id\.org\/dih\/catalog: rejected, \d+ triples sent, HTTP 401/m);
      assert.match(r.stdout, /^0 of \d+ graph\(s\) landed/m);
      assert.match(r.stdout, /graphs NOT in the store as published: .*produtech-dih-national-platform/);
    });

    it('push/virtuoso a user without the right to write graphs is rejected and reported', async function () {
      const graphs = publicationGraphs(dist, 'https://w3id.org/dih/').slice(0, 1);
      const report = await pushGraphs(graphs, { graphStore: virtuoso.graphStore, credentials: { user: 'reader', password: 'readerpw' } });
      assert.equal(report.landed, 0);
      assert.equal(report.graphs[0]?.outcome, 'rejected', JSON.stringify(report.graphs));
      assert.ok((report.graphs[0]?.status ?? 0) >= 400, JSON.stringify(report.graphs));
    });

    it('push/virtuoso a graph the store cannot parse fails alone; the good graph next to it lands', async function () {
      const good = { graph: 'https://example.org/test/good', ntriples: '<https://example.org/a> <https://example.org/p> "x" .\n', triples: 1, from: 'test' };
      // breaks: an unterminated literal, which the store must refuse
      const broken = { graph: 'https://example.org/test/broken', ntriples: '<https://example.org/a> <https://example.org/p> "x .\n', triples: 1, from: 'test' };
      const report = await pushGraphs([broken, good], { graphStore: virtuoso.graphStore, credentials: { user: 'dba', password: virtuoso.password } });
      const byGraph = new Map(report.graphs.map((r) => [r.graph, r]));
      assert.equal(byGraph.get(good.graph)?.outcome, 'landed');
      assert.notEqual(byGraph.get(broken.graph)?.outcome, 'landed', JSON.stringify(report.graphs));
      assert.ok(byGraph.get(broken.graph)?.message, 'the failure says why');
      assert.equal(report.landed, 1);
    });
  });

  describe('push/virtuoso-failures', function () {
    it('push/virtuoso-failures an upload that fails half-way says what the graph holds now (Virtuoso empties it first, then answers 500)', async function () {
      const graph = 'https://example.org/test/replaced';
      const options = { graphStore: virtuoso.graphStore, credentials: { user: 'dba', password: virtuoso.password } };
      const old = Array.from({ length: 5 }, (_, i) => `<https://example.org/old${i}> <https://example.org/p> "${i}" .\n`).join('');
      assert.equal((await pushGraphs([{ graph, ntriples: old, triples: 5, from: 'test' }], options)).landed, 1);
      // breaks: 2,000 good statements, then one without an object
      let body = '';
      for (let i = 0; i < 2000; i++) body += `<https://example.org/new${i}> <https://example.org/p> "${i}" .\n`;
      body += '<https://example.org/broken> <https://example.org/p> .\n';
      const report = await pushGraphs([{ graph, ntriples: body, triples: 2001, from: 'test' }], options);
      const r = report.graphs[0]!;
      assert.equal(r.outcome, 'rejected', JSON.stringify(r));
      assert.ok((r.status ?? 0) >= 500, JSON.stringify(r));
      const inStore = await countTriples(new AuthenticatingFetcher(options.credentials), virtuoso.sparql, graph);
      assert.notEqual(inStore, 5, 'the premise: the failed upload changed the graph');
      assert.equal(r.counted, inStore, JSON.stringify(r));
      assert.match(r.message ?? '', inStore === 0 ? /the graph is now empty/ : new RegExp(`now holds ${inStore} triple\\(s\\) in this graph, not the 2001 sent`), r.message);
    });

    it('push/virtuoso-failures an answer Virtuoso cuts at its anytime timeout (200 with X-SQL-State: S1TAT, no rows) is seen as incomplete', async function () {
      const graph = 'urn:dih-test:big';
      // 200,000 triples made inside the store; isql's exec= drops '+', hence i - (-1)
      virtuoso.sql(`create procedure DB.DBA.DIH_TEST_FILL (in g varchar, in n int) { declare i int; log_enable(2,1); i := 0; while (i < n) { insert into DB.DBA.RDF_QUAD (G,S,P,O) values (iri_to_id(g), iri_to_id(concat('urn:s', cast(i/10 as varchar))), iri_to_id(concat('urn:p', cast(mod(i,10) as varchar))), i); i := i - (-1); } };`);
      virtuoso.sql(`DB.DBA.DIH_TEST_FILL('${graph}', 200000);`);
      const url = new URL(virtuoso.sparql);
      url.searchParams.set('query', `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o . ?s2 ?p ?o2 } }`);
      url.searchParams.set('timeout', '1000');
      const r = await fetch(url, { headers: { Accept: 'application/sparql-results+json' } });
      const body = await r.text();
      const seen = `HTTP ${r.status} ${JSON.stringify([...r.headers])} ${body.slice(0, 300)}`;
      assert.equal(r.status, 200, seen);
      assert.match(incompleteAnswer(r) ?? '', /X-SQL-State: S1TAT/, seen);
      const whole = await fetch(`${virtuoso.sparql}?query=${encodeURIComponent(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`)}`, { headers: { Accept: 'application/sparql-results+json' } });
      await whole.arrayBuffer();
      assert.equal(incompleteAnswer(whole), undefined);
    });

    it('push/virtuoso-failures HTTP 206 and the X-SPARQL-Anytime / X-SPARQL-MaxRows headers of newer Virtuoso count as incomplete too', function () {
      assert.match(incompleteAnswer(new Response('', { status: 206, headers: { 'X-SPARQL-Anytime': 'timeout=1000; max_timeout=0' } })) ?? '', /HTTP 206, X-SPARQL-Anytime: timeout=1000/);
      assert.match(incompleteAnswer(new Response('', { status: 200, headers: { 'X-SPARQL-MaxRows': '10000' } })) ?? '', /X-SPARQL-MaxRows: 10000/);
      assert.equal(incompleteAnswer(new Response('', { status: 200 })), undefined);
    });
  });

  describe('push/virtuoso-basic', function () {
    it('push/virtuoso-basic the endpoint challenges with Basic, not Digest', async function () {
      const r = await fetch(`${virtuoso.basicGraphStore}?graph=${encodeURIComponent('https://example.org/test/probe')}`, { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: '<https://example.org/a> <https://example.org/p> "x" .\n' });
      await r.arrayBuffer();
      assert.equal(r.status, 401);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Basic\b/);
    });

    it('push/virtuoso-basic every named graph lands behind Basic and pushing twice leaves the same counts', async function () {
      const graphs = publicationGraphs(dist, 'https://w3id.org/dih/');
      const credentials = { user: 'writer', password: 'writerpw' };
      const first = await pushGraphs(graphs, { graphStore: virtuoso.basicGraphStore, credentials });
      assert.equal(first.failed, 0, JSON.stringify(first.graphs, null, 1));
      const again = await pushGraphs(graphs, { graphStore: virtuoso.basicGraphStore, credentials });
      assert.equal(again.failed, 0, JSON.stringify(again.graphs, null, 1));
      const fetcher = new AuthenticatingFetcher({ user: 'dba', password: virtuoso.password });
      const counted = await Promise.all(graphs.map((g) => countTriples(fetcher, virtuoso.sparql, g.graph)));
      assert.deepEqual(counted, graphs.map((g) => g.triples));
    });

    it('push/virtuoso-basic CLI: a wrong password and a user without write rights are both reported, exit 1', function () {
      for (const [user, password, status] of [['writer', 'not-the-password', 401], ['reader', 'readerpw', 403]] as const) {
        const r = runCli(['push', dist, '--graph-store', virtuoso.basicGraphStore, '--user', user, '--password', password]);
        assert.equal(r.status, 1, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`^FAIL https://w3id\\.org/dih/catalog: rejected, \\d+ triples sent, HTTP ${status}`, 'm'), r.stdout);
        assert.match(r.stdout, /^0 of \d+ graph\(s\) landed/m);
      }
    });
  });
});

describe('push/http-auth', function () {
  it('push/http-auth reads Virtuoso\'s Digest challenge and a Basic one', function () {
    const digest = parseChallenge('Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="84175779021ac7e4", opaque="5ebe2294", stale="false", qop="auth", algorithm="MD5"');
    assert.deepEqual(digest, { scheme: 'digest', realm: 'SPARQL', nonce: '84175779021ac7e4', opaque: '5ebe2294', qop: 'auth', algorithm: 'MD5', nc: 0 });
    assert.deepEqual(parseChallenge('Basic realm="SPARQL"'), { scheme: 'basic' });
    assert.equal(parseChallenge('Bearer realm="x"'), undefined);
  });
});
