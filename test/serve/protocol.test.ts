/** serve/protocol: the SPARQL 1.1 Protocol at /sparql, exercised by a real client library and by hand. */
import assert from 'node:assert/strict';
import { SparqlEndpointFetcher } from 'fetch-sparql-endpoint';
import type { Quad } from 'n3';
import type { RunningServer } from '../../src/serve/server.js';
import { parseJsonLd, parseRdf, tripleSet } from '../helpers/graph.js';
import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseCoding } from '../../src/serve/compression.js';
import { namedQueries } from '../../src/serve/query-page.js';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { get, HOST_ORG, HUB, publicationCopy, serve, sparqlGet } from './fixture.js';
import { QUAD_INDEX_FILE } from '../../src/query/quad-index-file.js';

const HOSTS = `SELECT ?host WHERE { ?m <http://www.w3.org/ns/org#role> <https://w3id.org/dih/concept/role/hosts> ; <http://www.w3.org/ns/org#member> ?host ; <http://www.w3.org/ns/org#organization> <${HUB}> }`;
const CONSTRUCT = `CONSTRUCT { <${HUB}> ?p ?o } WHERE { <${HUB}> ?p ?o }`;

async function collect<T>(stream: NodeJS.ReadableStream): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream as AsyncIterable<T>) out.push(item);
  return out;
}

describe('serve/protocol', function () {
  this.timeout(120_000);
  let server: RunningServer;
  before(async () => { server = await serve(); });
  after(async () => { await server?.close(); });

  describe('serve/protocol with fetch-sparql-endpoint (a real SPARQL client)', function () {
    const fetcher = new SparqlEndpointFetcher();

    it('serve/protocol SELECT returns the host of the hub as bindings', async function () {
      const rows = await collect<Record<string, { value: string }>>(await fetcher.fetchBindings(`${server.url}/sparql`, HOSTS));
      assert.deepEqual(rows.map((r) => r.host?.value), [HOST_ORG]);
    });

    it('serve/protocol ASK answers true for a fact in the graph and false for one that is not', async function () {
      assert.equal(await fetcher.fetchAsk(`${server.url}/sparql`, `ASK { <${HUB}> a <https://w3id.org/dih/ns#DigitalInnovationHub> }`), true);
      assert.equal(await fetcher.fetchAsk(`${server.url}/sparql`, `ASK { <${HUB}> a <urn:not:a:type> }`), false);
    });

    it('serve/protocol CONSTRUCT returns the triples of the hub', async function () {
      const quads = await collect<Quad>(await fetcher.fetchTriples(`${server.url}/sparql`, CONSTRUCT));
      assert.ok(quads.length > 3, `only ${quads.length} triples`);
      assert.ok(quads.every((q) => q.subject.value === HUB));
      assert.ok(quads.some((q) => q.object.value === 'https://w3id.org/dih/ns#DigitalInnovationHub'));
    });
  });

  const SELECT_TYPES: [string, string, RegExp][] = [
    ['application/sparql-results+json', 'application/sparql-results+json', /"host"/],
    ['application/sparql-results+xml', 'application/sparql-results+xml', /<variable name="host"\/>/],
    ['text/csv', 'text/csv', /^host\r\n/],
    ['text/tab-separated-values', 'text/tab-separated-values', /^\?host\n/],
    ['application/json', 'application/sparql-results+json', /"bindings"/],
  ];
  for (const [accept, type, shape] of SELECT_TYPES) {
    it(`serve/protocol SELECT with Accept ${accept} answers ${type}`, async function () {
      const r = await sparqlGet(server, HOSTS, accept);
      const body = await r.text();
      assert.equal(r.status, 200, body);
      assert.equal(r.headers.get('content-type')?.split(';')[0], type);
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      assert.match(body, shape);
      assert.ok(body.includes(HOST_ORG), body);
    });
  }

  for (const [accept, expected] of [['application/sparql-results+json', /"boolean":\s*true/], ['application/sparql-results+xml', /<boolean>true<\/boolean>/], ['text/csv', /true/], ['text/tab-separated-values', /true/]] as const) {
    it(`serve/protocol ASK with Accept ${accept}`, async function () {
      const r = await sparqlGet(server, `ASK { <${HUB}> ?p ?o }`, accept);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type')?.split(';')[0], accept);
      assert.match(await r.text(), expected);
    });
  }

  it('serve/protocol CONSTRUCT as Turtle, JSON-LD and N-Triples is one graph', async function () {
    const graphs: Set<string>[] = [];
    for (const accept of ['text/turtle', 'application/ld+json', 'application/n-triples']) {
      const r = await sparqlGet(server, CONSTRUCT, accept);
      const body = await r.text();
      assert.equal(r.status, 200, body);
      assert.equal(r.headers.get('content-type')?.split(';')[0], accept);
      graphs.push(tripleSet(accept === 'application/ld+json' ? await parseJsonLd(body) : parseRdf(body, accept as 'text/turtle')));
    }
    assert.ok((graphs[0] as Set<string>).size > 3);
    assert.deepEqual(graphs[1], graphs[0]);
    assert.deepEqual(graphs[2], graphs[0]);
  });

  it('serve/protocol DESCRIBE answers RDF about the resource', async function () {
    const r = await sparqlGet(server, `DESCRIBE <${HUB}>`, 'application/n-triples');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type')?.split(';')[0], 'application/n-triples');
    const quads = parseRdf(await r.text(), 'application/n-triples');
    assert.ok(quads.some((q) => q.subject.value === HUB && q.object.value === 'https://w3id.org/dih/ns#DigitalInnovationHub'));
  });

  it('serve/protocol POST as a form and as application/sparql-query give the GET answer', async function () {
    const viaGet = await (await sparqlGet(server, HOSTS, 'text/csv')).text();
    const form = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { accept: 'text/csv', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: HOSTS }) });
    const direct = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { accept: 'text/csv', 'content-type': 'application/sparql-query' }, body: HOSTS });
    assert.equal(await form.text(), viaGet);
    assert.equal(await direct.text(), viaGet);
  });

  it('serve/protocol default-graph-uri and named-graph-uri choose the dataset', async function () {
    const graphsQuery = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g';
    const all = (await (await sparqlGet(server, graphsQuery, 'text/csv')).text()).trim().split(/\r?\n/).slice(1);
    assert.ok(all.length >= 2, `graphs: ${all.join(' ')}`);
    const source = all.find((g) => g.includes('/source/')) as string;
    // named-graph-uri: only that graph is visible as a named graph
    const named = await get(`${server.url}/sparql?query=${encodeURIComponent(graphsQuery)}&named-graph-uri=${encodeURIComponent(source)}`, 'text/csv');
    assert.deepEqual((await named.text()).trim().split(/\r?\n/).slice(1), [source]);
    // default-graph-uri: the vocabularies graph alone holds no hub
    const vocab = all.find((g) => g.endsWith('/vocabularies')) as string;
    const hubs = `SELECT ?h WHERE { ?h a <https://w3id.org/dih/ns#DigitalInnovationHub> }`;
    const inVocab = await get(`${server.url}/sparql?query=${encodeURIComponent(hubs)}&default-graph-uri=${encodeURIComponent(vocab)}`, 'text/csv');
    assert.equal((await inVocab.text()).trim(), 'h');
    const inSource = await get(`${server.url}/sparql?query=${encodeURIComponent(hubs)}&default-graph-uri=${encodeURIComponent(source)}`, 'text/csv');
    assert.ok((await inSource.text()).includes('/hub/'));
  });

  it('serve/protocol without a query describes the service (sd:Service) in Turtle', async function () {
    const r = await get(`${server.url}/sparql`, 'text/turtle');
    const quads = parseRdf(await r.text(), 'text/turtle');
    const endpoint = `${server.url}/sparql`;
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    assert.ok(quads.some((q) => q.subject.value === endpoint && q.object.value === `${SD}Service`));
    assert.ok(quads.some((q) => q.subject.value === endpoint && q.predicate.value === `${SD}endpoint` && q.object.value === endpoint));
    assert.ok(quads.some((q) => q.predicate.value === `${SD}resultFormat` && q.object.value === 'http://www.w3.org/ns/formats/SPARQL_Results_CSV'));
    assert.ok(quads.some((q) => q.predicate.value === `${SD}namedGraph`));
    assert.ok(quads.every((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode'));
  });

  it('serve/protocol answers 406 when no offered result type is acceptable', async function () {
    const r = await sparqlGet(server, HOSTS, 'image/png');
    assert.equal(r.status, 406);
    assert.match(await r.text(), /sparql-results\+json/);
  });

  it('serve/protocol refuses an unknown POST content type with 415', async function () {
    const r = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: HOSTS });
    assert.equal(r.status, 415);
  });

  it('serve/protocol the named queries of the query page are answered from the cache once the server has warmed them', async function () {
    await server.warmed;
    const [name, text] = Object.entries(namedQueries())[0]!;
    const named = await sparqlGet(server, text, 'application/sparql-results+json');
    assert.equal(named.status, 200, name);
    assert.equal(named.headers.get('x-cache'), 'HIT', name);
    const other = `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # ${Math.random()}`;
    const first = await sparqlGet(server, other, 'application/sparql-results+json');
    const again = await sparqlGet(server, other, 'application/sparql-results+json');
    assert.deepEqual([first.headers.get('x-cache'), again.headers.get('x-cache')], ['MISS', 'HIT']);
    assert.equal(await again.text(), await first.text());
  });

  it('serve/protocol answers are compressed in the coding the client prefers (brotli, gzip), and are the same bytes once decoded', async function () {
    const query = 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 300';
    const raw = (encoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> => new Promise((resolve, reject) => {
      request(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json', 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject).end();
    });
    const plain = await raw('identity');
    const browser = await raw('gzip, deflate, br, zstd');
    const gzipOnly = await raw('br;q=0.5, gzip;q=0.8');
    const refused = await raw('gzip;q=0, br;q=0');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(browser.headers['content-encoding'], 'br');
    assert.equal(gzipOnly.headers['content-encoding'], 'gzip');
    for (const zipped of [browser, gzipOnly]) {
      assert.match(String(zipped.headers.vary), /Accept-Encoding/);
      assert.ok(zipped.body.length < plain.body.length / 3, `${zipped.body.length} vs ${plain.body.length}`);
    }
    assert.ok(brotliDecompressSync(browser.body).equals(plain.body));
    assert.ok(gunzipSync(gzipOnly.body).equals(plain.body));
    assert.ok(refused.body.equals(plain.body));
  });

  it('serve/protocol reads Accept-Encoding with q-values, preferring brotli among equals', function () {
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined], ['', undefined], ['identity', undefined], ['gzip', 'gzip'], ['x-gzip', 'gzip'], ['gzip;q=0', undefined],
      ['deflate, *;q=0.5', 'br'], ['*;q=0', undefined], ['br, gzip;q=0.1', 'br'], ['gzip, br', 'br'], ['gzip;q=1, br;q=0.9', 'gzip'],
      ['br;q=0, *', 'gzip'], ['gzip;q=0, *;q=0.3', 'br'], ['BR', 'br'], ['gzip; q=0.5, br; q=0.4', 'gzip'], ['br;q=oops', undefined],
    ];
    for (const [header, expected] of cases) assert.equal(chooseCoding(header), expected, String(header));
  });

  for (const [name, spoil, refused] of [
    ['without its query index', (dir: string) => rmSync(join(dir, QUAD_INDEX_FILE)), undefined],
    ['with a damaged query index', (dir: string) => writeFileSync(join(dir, QUAD_INDEX_FILE), 'not an index'), 'unreadable'],
  ] as const) {
    it(`serve/protocol a publication ${name} is served from its dih.nq, with the same answers`, async function () {
      this.timeout(120_000);
      const dir = await publicationCopy();
      spoil(dir);
      const fallback = await serve({ data: dir, cache: false });
      try {
        assert.equal(fallback.indexRefused, refused, 'why the index was not used');
        const query = namedQueries()['who-hosts-what']!;
        const [a, b] = await Promise.all([server, fallback].map(async (s) => {
          const r = await sparqlGet(s, query, 'application/sparql-results+json');
          assert.equal(r.status, 200);
          return ((await r.json()) as { results: { bindings: unknown[] } }).results.bindings.map((row) => JSON.stringify(row)).sort();
        }));
        assert.ok(a!.length > 0);
        assert.deepEqual(b, a);
        const deref = await get(`${fallback.url}/hub/produtech-digital-innovation-hub-national-platform.ttl`, 'text/turtle');
        assert.equal(deref.status, 200);
      } finally {
        await fallback.close();
      }
    });
  }
});

