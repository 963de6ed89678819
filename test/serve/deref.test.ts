/**
 * serve/deref: IRIs under the base dereference with content negotiation (Cool URIs, 303 to one
 * document per media type), and the publication's files are served at their published paths.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/serve/server.js';
import { startServer } from '../../src/serve/server.js';
import { parseJsonLd, parseRdf, tripleSet } from '../helpers/graph.js';
import { get, HOST_ORG, HUB, HUB_PATH, publicationCopy } from './fixture.js';

const OTHER_HUB_PATH = '/hub/iman-norte-hub';
const MARKER = '<!-- the publication\'s own page for this hub -->';

function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesBelow(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

describe('serve/deref', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let data: string;
  before(async () => {
    // one hub has a page in the publication, the other has none (the server generates one)
    data = await publicationCopy();
    mkdirSync(join(data, 'hub'), { recursive: true });
    writeFileSync(join(data, 'hub', `${HUB_PATH.slice(5)}.html`), `<!DOCTYPE html><html><body>${MARKER}</body></html>\n`);
    rmSync(join(data, 'hub', `${OTHER_HUB_PATH.slice(5)}.html`), { force: true });
    server = await startServer({ data, port: 0, workers: 1 });
  });
  after(async () => { await server?.close(); });

  const CASES: [string, string][] = [
    ['text/turtle', '.ttl'],
    ['application/ld+json', '.jsonld'],
    ['application/n-triples', '.nt'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', '.html'],
  ];
  for (const [accept, ext] of CASES) {
    it(`serve/deref ${HUB_PATH} with Accept ${accept.split(',')[0]} answers 303 to ${ext} with Vary: Accept`, async function () {
      const r = await get(`${server.url}${HUB_PATH}`, accept);
      assert.equal(r.status, 303);
      assert.equal(r.headers.get('location'), `${HUB_PATH}${ext}`);
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      const doc = await get(`${server.url}${r.headers.get('location')}`, accept);
      assert.equal(doc.status, 200);
      assert.equal(doc.headers.get('content-type')?.split(';')[0], ext === '.html' ? 'text/html' : accept);
    });
  }

  it('serve/deref the Turtle, JSON-LD and N-Triples documents of a hub are one graph about it', async function () {
    const ttl = parseRdf(await (await get(`${server.url}${HUB_PATH}.ttl`)).text(), 'text/turtle');
    const nt = parseRdf(await (await get(`${server.url}${HUB_PATH}.nt`)).text(), 'application/n-triples');
    const jsonld = await parseJsonLd(await (await get(`${server.url}${HUB_PATH}.jsonld`)).text());
    assert.ok(ttl.some((q) => q.subject.value === HUB && q.object.value === 'https://w3id.org/dih/ns#DigitalInnovationHub'));
    // the hub's host relation points at it, so the description includes inbound links
    assert.ok(ttl.some((q) => q.object.value === HUB && q.predicate.value === 'http://www.w3.org/ns/org#organization'));
    assert.deepEqual(tripleSet(nt), tripleSet(ttl));
    assert.deepEqual(tripleSet(jsonld), tripleSet(ttl));
  });

  it('serve/deref HTML comes from the publication\'s hub page when it exists', async function () {
    const r = await get(`${server.url}${HUB_PATH}.html`);
    assert.equal(r.status, 200);
    assert.ok((await r.text()).includes(MARKER));
  });

  it('serve/deref HTML is generated for a resource without a page, with links back into the server', async function () {
    const r = await get(`${server.url}${OTHER_HUB_PATH}.html`);
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.ok(!html.includes(MARKER));
    assert.ok(html.includes('https://w3id.org/dih/hub/iman-norte-hub'));
    assert.match(html, /href="\/concept\//);
  });

  it('serve/deref every IRI under the base dereferences (organisations, concepts), unknown ones are 404', async function () {
    const org = await get(`${server.url}/${HOST_ORG.slice('https://w3id.org/dih/'.length)}`, 'text/turtle');
    assert.equal(org.status, 303);
    const concept = await get(`${server.url}/concept/role/hosts.nt`);
    assert.equal(concept.status, 200);
    assert.ok((await concept.text()).includes('<https://w3id.org/dih/concept/role/hosts>'));
    assert.equal((await get(`${server.url}/hub/no-such-hub`, 'text/turtle')).status, 404);
    assert.equal((await get(`${server.url}/hub/no-such-hub.ttl`)).status, 404);
  });

  it('serve/deref answers 406 when the client accepts no representation', async function () {
    const r = await get(`${server.url}${HUB_PATH}`, 'image/png');
    assert.equal(r.status, 406);
  });

  it('serve/deref serves every file of the publication at its published path, byte for byte', async function () {
    const files = filesBelow(data).filter((f) => !f.startsWith('.'));
    assert.ok(files.includes('dih.ttl') && files.includes('dih.nq'));
    for (const file of files) {
      const r = await get(`${server.url}/${file}`);
      assert.equal(r.status, 200, file);
      assert.ok(Buffer.from(await r.arrayBuffer()).equals(readFileSync(join(data, file))), file);
    }
    const ttl = await get(`${server.url}/dih.ttl`);
    assert.equal(ttl.headers.get('content-type'), 'text/turtle; charset=utf-8');
  });

  it('serve/deref never serves a file outside the publication', async function () {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/hub/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/.hidden']) {
      const r = await get(`${server.url}${path}`);
      assert.equal(r.status, 404, path);
      assert.ok(!(await r.text()).includes('"dependencies"'), path);
    }
  });

  it('serve/deref serves the JSON-LD context and the ontology published under the base', async function () {
    const context = await get(`${server.url}/context.jsonld`);
    assert.equal(context.status, 200);
    assert.ok('@context' in ((await context.json()) as object));
    const ns = await get(`${server.url}/ns`);
    assert.equal(ns.headers.get('content-type')?.split(';')[0], 'text/turtle');
  });
});
