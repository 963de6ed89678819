/**
 * serve/safety: the server faces the network. Read-only, SERVICE only to allowed endpoints and
 * never to file:, bad queries get the parser's message, bodies and results are capped, CORS is
 * off unless asked for, and a slow query neither blocks other requests nor runs past its limit.
 */
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/serve/server.js';
import { get, HUB, HUB_PATH, serve, sparqlGet } from './fixture.js';

const COUNT_ALL = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
/** A cross product of the whole graph with itself, three times: far beyond any time limit. */
const SLOW = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';

async function countAll(server: RunningServer): Promise<string> {
  return (await (await sparqlGet(server, COUNT_ALL, 'text/csv')).text()).trim();
}

describe('serve/safety', function () {
  this.timeout(120_000);
  let remote: RunningServer;
  let server: RunningServer;
  before(async () => {
    // `remote` stands for another registry's endpoint (with CORS on); `server` allows only it.
    remote = await serve({ cors: true, cache: false });
    server = await serve({ allowService: [`${remote.url}/sparql`], timeoutMs: 3000, maxRows: 3, maxBodyBytes: 4096, cache: false });
  });
  after(async () => {
    await server?.close();
    await remote?.close();
  });

  it('serve/safety binds to 127.0.0.1 by default', function () {
    const address = server.server.address();
    assert.ok(address && typeof address === 'object' && address.address === '127.0.0.1');
  });

  describe('serve/safety read-only', function () {
    const INSERT = `INSERT DATA { <${HUB}> <http://www.w3.org/2004/02/skos/core#prefLabel> "hijacked" }`;
    const DELETE = 'DELETE WHERE { ?s ?p ?o }';

    it('serve/safety refuses SPARQL Update in every form with 400 and the data is unchanged', async function () {
      const before = await countAll(server);
      const size = server.store.size;
      const attempts = [
        fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: INSERT }),
        fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update: DELETE }) }),
        fetch(`${server.url}/sparql?update=${encodeURIComponent(DELETE)}`),
        // an update sent as a query is caught by the parser, before any execution
        fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: DELETE }),
        sparqlGet(server, INSERT),
      ];
      for (const r of await Promise.all(attempts)) {
        assert.equal(r.status, 400);
        assert.match(await r.text(), /read-only/);
      }
      assert.equal(await countAll(server), before);
      assert.equal(server.store.size, size);
      const ask = await sparqlGet(server, `ASK { <${HUB}> ?p "hijacked" }`, 'application/sparql-results+json');
      assert.match(await ask.text(), /"boolean":\s*false/);
    });

    it('serve/safety refuses methods other than GET, HEAD and POST', async function () {
      const put = await fetch(`${server.url}/dih.ttl`, { method: 'PUT', body: 'x' });
      assert.equal(put.status, 405);
      const del = await fetch(`${server.url}/sparql`, { method: 'DELETE' });
      assert.equal(del.status, 405);
    });
  });

  describe('serve/safety federation', function () {
    it('serve/safety SERVICE <file:...> is refused before execution', async function () {
      const r = await sparqlGet(server, 'SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }');
      assert.equal(r.status, 400);
      assert.match(await r.text(), /SERVICE <file:\/\/\/etc\/passwd> is refused.*never file:/);
    });

    it('serve/safety SERVICE to a host the operator did not allow is refused', async function () {
      const r = await sparqlGet(server, 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }');
      assert.equal(r.status, 400);
      assert.match(await r.text(), /SERVICE <http:\/\/127\.0\.0\.1:9\/sparql> is refused: allowed: /);
    });

    it('serve/safety SERVICE with a variable endpoint is refused', async function () {
      const r = await sparqlGet(server, 'SELECT * WHERE { ?x ?y ?endpoint . SERVICE ?endpoint { ?s ?p ?o } }');
      assert.equal(r.status, 400);
      assert.match(await r.text(), /variable endpoint/);
    });

    it('serve/safety SERVICE nested in OPTIONAL and a subquery is found and refused', async function () {
      const r = await sparqlGet(server, 'SELECT * WHERE { ?s ?p ?o OPTIONAL { SELECT ?x WHERE { SERVICE <https://evil.example/sparql> { ?x ?y ?z } } } } LIMIT 1');
      assert.equal(r.status, 400);
      assert.match(await r.text(), /evil\.example/);
    });

    it('serve/safety SERVICE to an allowed endpoint federates (another live server)', async function () {
      const query = `SELECT ?h WHERE { SERVICE <${remote.url}/sparql> { ?h a <https://w3id.org/dih/ns#DigitalInnovationHub> } } ORDER BY ?h`;
      const r = await sparqlGet(server, query, 'text/csv');
      const body = await r.text();
      assert.equal(r.status, 200, body);
      assert.ok(body.includes(HUB), body);
    });
  });

  describe('serve/safety limits', function () {
    it('serve/safety a bad query gets 400 with the parser message, line and column', async function () {
      const r = await sparqlGet(server, 'SELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER(\n}');
      assert.equal(r.status, 400);
      assert.match(await r.text(), /syntax error at line 4, column 1: found '\}'/);
    });

    it('serve/safety a request body over the cap gets 413', async function () {
      const big = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(8000)}`;
      const r = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: big });
      assert.equal(r.status, 413);
    });

    it('serve/safety the row cap cuts results and says so', async function () {
      const r = await sparqlGet(server, 'SELECT * WHERE { ?s ?p ?o }', 'text/csv');
      const lines = (await r.text()).trim().split(/\r?\n/);
      assert.equal(lines.length, 1 + 3);
      assert.match(r.headers.get('x-result-truncated') ?? '', /limit=3/);
      const small = await sparqlGet(server, `SELECT ?h WHERE { ?h a <https://w3id.org/dih/ns#DigitalInnovationHub> }`, 'text/csv');
      assert.equal(small.headers.get('x-result-truncated'), null);
    });

    it('serve/safety a slow query is stopped at the time limit while other requests are answered', async function () {
      const order: string[] = [];
      const slow = sparqlGet(server, SLOW, 'text/csv').then(async (r) => { order.push('slow'); return { status: r.status, body: await r.text() }; });
      // let the slow query reach a worker first
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fast = sparqlGet(server, `ASK { <${HUB}> ?p ?o }`, 'application/sparql-results+json').then(async (r) => { order.push('fast'); return r.text(); });
      const page = get(`${server.url}${HUB_PATH}.ttl`).then(async (r) => { order.push('page'); return r.status; });
      assert.match(await fast, /true/);
      assert.equal(await page, 200);
      const stopped = await slow;
      assert.deepEqual(order.slice(-1), ['slow'], `order: ${order.join(', ')}`);
      assert.equal(stopped.status, 503);
      assert.match(stopped.body, /time limit of 3 s/);
      // the pool replaced the stopped worker and answers again
      assert.match(await countAll(server), /^n\r?\n\d+$/);
    });
  });

  it('serve/safety queries whose clients leave before a worker is free are dropped from the queue', async function () {
    const lone = await serve({ workers: 1, cache: false, timeoutMs: 3000 });
    try {
      const until = async (test: () => boolean): Promise<boolean> => {
        for (let i = 0; i < 100 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        return test();
      };
      const busy = sparqlGet(lone, SLOW, 'text/csv');
      const leaving = [1, 2, 3].map((n) => {
        const controller = new AbortController();
        const request = fetch(`${lone.url}/sparql?query=${encodeURIComponent(`${SLOW} # ${n}`)}`, { signal: controller.signal }).catch((err: Error) => err.name);
        return { controller, request };
      });
      assert.ok(await until(() => lone.queued() === 3), `queued: ${lone.queued()}`);
      for (const l of leaving) l.controller.abort();
      assert.deepEqual(await Promise.all(leaving.map((l) => l.request)), ['AbortError', 'AbortError', 'AbortError']);
      assert.ok(await until(() => lone.queued() === 0), `still queued: ${lone.queued()}`);
      assert.equal((await busy).status, 503, 'the query that had a worker ran to its time limit');
    } finally {
      await lone.close();
    }
  });

  describe('serve/safety CORS', function () {
    it('serve/safety sends no CORS headers unless --cors', async function () {
      const r = await sparqlGet(server, COUNT_ALL, 'text/csv', );
      assert.equal(r.headers.get('access-control-allow-origin'), null);
      const pre = await fetch(`${server.url}/sparql`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
    });

    it('serve/safety with --cors allows any origin', async function () {
      const r = await sparqlGet(remote, COUNT_ALL, 'text/csv');
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      const pre = await fetch(`${remote.url}/sparql`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
      assert.equal(pre.status, 204);
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    });
  });
});
