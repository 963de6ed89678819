/**
 * The hostile-input corpus of test/fixtures/hostile/, run through the real CLI. Each fixture says
 * in its header what it attacks and what must happen; its `.expect.json` sidecar holds the
 * checks: exit status, messages (regexes, each naming file/line/record/field), how many hubs are
 * still published, IRIs that must never appear, and graph equality across serializations.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/paths.js';
import { diffSets, parseJsonLd, parseRdf, tripleSet } from '../helpers/graph.js';

interface Expectation {
  /** What the fixture attacks, for formats that cannot carry a comment (CSV, JSON, binary). */
  attack?: string;
  /** Exit status, or "any" where a best-effort result is acceptable either way. */
  status: number | 'any';
  stderr: string[];
  hubs: number;
  forbiddenIris?: string[];
  sameGraphAllFormats?: boolean;
  iriCount?: Record<string, number>;
  noNewConcepts?: boolean;
  /** Literal values that must be published exactly (e.g. accents read right). */
  literals?: string[];
  /** No cell of links.csv / conflicts.csv may start a spreadsheet formula. */
  csvNoFormula?: boolean;
}

const DIR = join(FIXTURES, 'hostile');
const HUB_CLASS = 'https://w3id.org/dih/ns#DigitalInnovationHub';

function publishedChecks(out: string, expect: Expectation): void {
  if (!existsSync(join(out, 'dih.nq'))) {
    assert.equal(expect.hubs, 0, 'nothing published although hubs were expected');
    return;
  }
  // Strict parsers: a forged or broken statement fails here.
  const nq = parseRdf(readFileSync(join(out, 'dih.nq'), 'utf8'), 'application/n-quads');
  const ttl = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(out, 'dih.ttl'), 'utf8'));
  // Hubs after merge: registry records also describe their own source-scoped hub, not counted here.
  const hubs = new Set(nq.filter((q) => q.object.value === HUB_CLASS && !q.subject.value.includes('/source/')).map((q) => q.subject.value));
  assert.equal(hubs.size, expect.hubs, `hubs published: ${[...hubs].join(', ')}`);
  for (const bad of expect.forbiddenIris ?? []) {
    for (const q of [...nq, ...ttl]) for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      assert.ok(!(t.termType === 'NamedNode' && t.value.startsWith(bad)), `forged IRI ${t.value}`);
    }
  }
  for (const [iri, n] of Object.entries(expect.iriCount ?? {})) {
    assert.equal(new Set(nq.filter((q) => q.subject.value === iri).map((q) => q.subject.value)).size, n, iri);
  }
  for (const value of expect.literals ?? []) assert.ok(nq.some((q) => q.object.termType === 'Literal' && q.object.value === value), `literal ${JSON.stringify(value)} published`);
  if (expect.csvNoFormula) {
    for (const f of ['links.csv', 'conflicts.csv']) {
      if (!existsSync(join(out, f))) continue;
      const cells = readFileSync(join(out, f), 'utf8').split(/\r?\n/).flatMap((line) => line.split(','));
      assert.deepEqual(cells.filter((c) => /^"?[=+@]/.test(c)), [], `${f} has no formula cell`);
    }
  }
  if (expect.noNewConcepts) {
    const concepts = nq.filter((q) => q.object.value === 'http://www.w3.org/2004/02/skos/core#Concept' && q.graph.value.includes('/source/'));
    assert.deepEqual(concepts, [], 'no concept minted from source data');
  }
}

describe('hostile/corpus: every fixture through the real CLI', function () {
  const fixtures = readdirSync(DIR).filter((f) => /\.(ya?ml|txt|csv|json|xlsx|rdf|jsonld)$/.test(f) && !f.endsWith('.expect.json')).sort();
  it('hostile/corpus has fixtures, each with a sidecar and a header saying what it attacks', function () {
    assert.ok(fixtures.length >= 8);
    for (const f of fixtures) {
      const sidecar = join(DIR, `${f.replace(/\.[^.]+$/, '')}.expect.json`);
      assert.ok(existsSync(sidecar), `${f} has an .expect.json`);
      const described = /\.ya?ml$/.test(f) ? /ATTACK:/.test(readFileSync(join(DIR, f), 'utf8').slice(0, 400)) : !!(JSON.parse(readFileSync(sidecar, 'utf8')) as Expectation).attack;
      assert.ok(described, `${f} says what it attacks (an ATTACK: header, or "attack" in its sidecar)`);
    }
  });
  for (const f of fixtures) {
    it(`hostile/corpus/${f}`, async function () {
      const expect = JSON.parse(readFileSync(join(DIR, `${f.replace(/\.[^.]+$/, '')}.expect.json`), 'utf8')) as Expectation;
      const out = join(tempDir(), 'dist');
      const r = runCli(['build', join(DIR, f), '--out', out], { timeoutMs: 60_000 });
      if (expect.status !== 'any') assert.equal(r.status, expect.status, r.stderr);
      else assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      for (const re of expect.stderr) assert.match(r.stderr, new RegExp(re), `stderr should match /${re}/`);
      assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*\.js:\d+:\d+\)/, 'no stack trace');
      publishedChecks(out, expect);
      if (expect.sameGraphAllFormats) {
        const nt = tripleSet(parseRdf(readFileSync(join(out, 'dih.nt'), 'utf8'), 'application/n-triples'));
        for (const [name, set] of [
          ['dih.ttl', tripleSet(parseRdf(readFileSync(join(out, 'dih.ttl'), 'utf8'), 'text/turtle'))],
          ['dih.jsonld', tripleSet(await parseJsonLd(readFileSync(join(out, 'dih.jsonld'), 'utf8')))],
        ] as const) assert.deepEqual(diffSets(set, nt), { onlyA: [], onlyB: [] }, name);
      }
    });
  }

  it('hostile/yaml deep nesting is refused with a message, not a crash', function () {
    const dir = tempDir();
    const file = join(dir, 'deep.yaml');
    writeFileSync(file, `${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    const r = runCli(['build', file, '--out', join(dir, 'dist')], { timeoutMs: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /deep\.yaml/);
    assert.doesNotMatch(r.stderr, /RangeError: Maximum call stack/);
  });
});
