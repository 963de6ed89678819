/** void.ttl: the VoID description counts what dih.nt holds and links to the EU tables the data uses. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { build } from '../../src/pipeline.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { parseRdf, tripleSet } from '../helpers/graph.js';

const VOID = 'http://rdfs.org/ns/void#';
const DS = 'https://w3id.org/dih/void/dataset';

describe('publish/void', function () {
  let dist: string;
  let value: (s: string, p: string) => string[];
  before(async function () {
    dist = join(tempDir(), 'dist');
    await build([SOURCES], { out: dist });
    const quads = new Parser().parse(readFileSync(join(dist, 'void.ttl'), 'utf8'));
    value = (s, p) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
  });

  it('publish/void void:triples is the number of distinct triples of dih.nt', function () {
    const nt = parseRdf(readFileSync(join(dist, 'dih.nt'), 'utf8'), 'application/n-triples');
    assert.deepEqual(value(DS, `${VOID}triples`), [String(tripleSet(nt).size)]);
    const classes = new Set(nt.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type').map((q) => q.object.value));
    assert.deepEqual(value(DS, `${VOID}classes`), [String(classes.size)]);
    assert.deepEqual(value(DS, `${VOID}properties`), [String(new Set(nt.map((q) => q.predicate.value)).size)]);
  });

  it('publish/void names every dump, the SPARQL endpoint and a hub as example', function () {
    assert.deepEqual(value(DS, `${VOID}dataDump`), ['dih.jsonld', 'dih.nq', 'dih.nt', 'dih.rdf', 'dih.ttl'].map((f) => `https://w3id.org/dih/${f}`));
    assert.deepEqual(value(DS, `${VOID}sparqlEndpoint`), ['https://w3id.org/dih/sparql']);
    assert.match(value(DS, `${VOID}exampleResource`)[0] ?? '', /^https:\/\/w3id\.org\/dih\/hub\//);
  });

  it('publish/void has linksets to the EU country table and NUTS with their link predicates', function () {
    const country = 'https://w3id.org/dih/void/linkset/eu-country/https-w3id-org-dih-ns-country';
    assert.deepEqual(value(country, `${VOID}linkPredicate`), ['https://w3id.org/dih/ns#country']);
    assert.deepEqual(value(country, `${VOID}objectsTarget`), ['https://w3id.org/dih/void/target/eu-country']);
    assert.ok(Number(value(country, `${VOID}triples`)[0]) >= 1);
    assert.ok(value(DS, `${VOID}subset`).some((s) => s.includes('/linkset/nuts/')), 'a NUTS linkset');
  });
});
