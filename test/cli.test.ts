/** The CLI end to end, as a user runs it: build, validate, query. */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from './helpers/cli.js';
import { CLI, FIXTURES, ROOT, SOURCES, tempDir } from './helpers/paths.js';
import { writeSynthetic } from '../bench/generate.js';

describe('cli', function () {
  let out: string;
  before(function () {
    out = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCES, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
  });

  it('cli/help lists the commands and exits 0', function () {
    const r = runCli(['--help']);
    assert.equal(r.status, 0);
    for (const c of ['build', 'validate', 'query']) assert.match(r.stdout, new RegExp(`dih-ld ${c}`));
  });

  it('cli/unknown command exits 2', function () {
    assert.equal(runCli(['frobnicate']).status, 2);
  });

  it('cli/build publishes every file', function () {
    for (const f of ['dih.ttl', 'dih.jsonld', 'dih.nt', 'dih.nq', 'validation-report.ttl']) assert.ok(existsSync(join(out, f)), f);
  });

  it('cli/validate on the publication conforms and exits 0', function () {
    const r = runCli(['validate', out]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /conforms: 0 violation\(s\)/);
  });

  it('cli/validate on an invalid record exits 1 and names file, line, hub, property and value', function () {
    const r = runCli(['validate', join(FIXTURES, 'invalid', 'unknown-status.yaml')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /Violation: "Example Unknown Status Hub"/);
    assert.match(r.stdout, /property: dih:status/);
    assert.match(r.stdout, /value: {4}"almost operational"/);
    assert.match(r.stdout, /source: {3}unknown-status\.yaml:\d+ \(record unknown-status\)/);
  });

  it('cli/query answers who hosts PRODUTECH DIH from the named query', function () {
    const r = runCli(['query', 'queries/who-hosts-what.rq', '--data', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /PRODUTECH – Production Technologies Cluster .*\| PRODUTECH Digital Innovation Hub National Platform/);
  });

  it('cli/query reads the query index silently, and says so when dih.nq changed after the build (still answering from dih.nq)', function () {
    const fresh = runCli(['query', 'who-hosts-what', '--data', out, '--format', 'csv']);
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stderr, /dih\.nq\.idx/);
    const copy = join(tempDir(), 'dist');
    cpSync(out, copy, { recursive: true });
    appendFileSync(join(copy, 'dih.nq'), '<urn:x:added> <http://www.w3.org/2000/01/rdf-schema#label> "added after the build" <urn:x:g> .\n');
    const stale = runCli(['query', 'who-hosts-what', '--data', copy, '--format', 'csv']);
    assert.equal(stale.status, 0, stale.stderr);
    assert.match(stale.stderr, /dih\.nq\.idx was made from another dih\.nq; reading dih\.nq instead/);
    assert.equal(stale.stdout, fresh.stdout);
    const added = runCli(['query', 'SELECT ?l WHERE { <urn:x:added> ?p ?l }', '--data', copy, '--format', 'csv']);
    assert.match(added.stdout, /added after the build/);
  });

  it('cli/build --batch-hubs publishes in batches without a query index; cli/index writes one that query then reads', function () {
    const sources = tempDir('dih-ld-cli-batches-');
    writeSynthetic(12, sources);
    const dir = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCES, sources, '--out', dir, '--batch-hubs', '4', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /triples \(in [4-9] batches\)/);
    assert.match(r.stderr, /dih-ld index --data/);
    assert.ok(!existsSync(join(dir, 'dih.nq.idx')));
    const fromNq = runCli(['query', 'who-hosts-what', '--data', dir, '--format', 'csv']);
    assert.equal(fromNq.status, 0, fromNq.stderr);
    assert.ok(fromNq.stdout.split('\n').length > 12, fromNq.stdout);
    const indexed = runCli(['index', '--data', dir]);
    assert.equal(indexed.status, 0, indexed.stderr);
    assert.match(indexed.stderr, /wrote .*dih\.nq\.idx/);
    const fromIndex = runCli(['query', 'who-hosts-what', '--data', dir, '--format', 'csv']);
    assert.equal(fromIndex.stdout, fromNq.stdout);
    appendFileSync(join(dir, 'dih.nq'), '<urn:x:a> <urn:x:p> "changed" <urn:x:g> .\n');
    assert.match(runCli(['query', 'who-hosts-what', '--data', dir]).stderr, /dih\.nq\.idx was made from another dih\.nq/, 'the index is the one query reads');
    assert.equal(runCli(['build', SOURCES, '--out', dir, '--batch-hubs', '0']).status, 2);
    assert.equal(runCli(['index', '--data', join(dir, 'nowhere')]).status, 2);
  });

  it('cli/query answers which initiatives link to PRODUTECH DIH', function () {
    const r = runCli(['query', 'initiatives-linked-to-hub', '--data', out, '--format', 'csv']);
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['Vanguard Initiative', 'Efficient and Sustainable Manufacturing', 'High Performance Production through 3D printing', 'NMP-Reg', 'Industrial Sustainable Solutions']) assert.ok(r.stdout.includes(name), name);
  });

  for (const format of ['json', 'csv', 'tsv', 'xml']) {
    it(`cli/query --format ${format} prints the host`, function () {
      const r = runCli(['query', 'SELECT ?host WHERE { ?m <http://www.w3.org/ns/org#role> <https://w3id.org/dih/concept/role/hosts> ; <http://www.w3.org/ns/org#member> ?host }', '--data', out, '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.includes('https://w3id.org/dih/org/produtech-production-technologies-cluster'), r.stdout);
    });
  }

  it('cli/query into a reader that stops early (| head -1) exits 0, without an EPIPE stack trace', function () {
    // the whole graph as CSV is far over a pipe's buffer, so the CLI is still writing when head exits
    const script = `"${process.execPath}" "${CLI}" query 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }' --data "${out}" --format csv | head -1`;
    const r = spawnSync('sh', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.stdout.trim(), 's,p,o');
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled 'error' event/);
  });

  it('cli/query with a syntax error exits 1 with the parser message', function () {
    const r = runCli(['query', 'SELECT WHERE {', '--data', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /query failed/);
  });

  it('cli/build --strict refuses invalid input and leaves the previous publication', function () {
    const r = runCli(['build', join(FIXTURES, 'invalid', 'unknown-status.yaml'), '--out', out, '--strict']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /build refused/);
    const q = runCli(['query', 'who-hosts-what', '--data', out]);
    assert.match(q.stdout, /PRODUTECH/);
    // the refused build's files were staged beside the publication, and are gone
    assert.deepEqual(readdirSync(dirname(out)).filter((f) => f.startsWith(`.${basename(out)}.`)), []);
  });
});
