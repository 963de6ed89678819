/**
 * Runs test/fixtures/manifest.ttl: W3C SHACL test-suite style sht:Validate entries, each building
 * its data graph from a fixture record and comparing the report with the expected results.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Parser, Store, DataFactory, type Term } from 'n3';
import { assemble } from '../../src/pipeline.js';
import { loadShapes } from '../../src/validate/shapes.js';
import { validateQuads, type ValidationFinding } from '../../src/validate/validate.js';
import { FIXTURES } from '../helpers/paths.js';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';
const SH = 'http://www.w3.org/ns/shacl#';
const DIH = 'https://w3id.org/dih/ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const { namedNode } = DataFactory;

const manifestUrl = pathToFileURL(join(FIXTURES, 'manifest.ttl')).href;
const manifest = new Store(new Parser({ baseIRI: manifestUrl }).parse(readFileSync(join(FIXTURES, 'manifest.ttl'), 'utf8')));
const one = (s: Term, p: string) => manifest.getObjects(s as never, namedNode(p), null)[0];

function list(head: Term | undefined): Term[] {
  const out: Term[] = [];
  while (head && head.value !== 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil') {
    out.push(one(head, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first') as Term);
    head = one(head, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest');
  }
  return out;
}

function matches(expected: Term, f: ValidationFinding): boolean {
  const focus = one(expected, `${SH}focusNode`);
  const path = one(expected, `${SH}resultPath`);
  const severity = one(expected, `${SH}resultSeverity`);
  const value = one(expected, `${SH}value`);
  const source = one(expected, `${DIH}sourceFile`);
  if (focus && f.focusNode !== focus.value) return false;
  if (path && f.path !== path.value) return false;
  if (severity && `${SH}${f.severity}` !== severity.value) return false;
  if (value && f.value !== (value.termType === 'Literal' ? JSON.stringify(value.value) : value.value)) return false;
  if (source && !f.sources.some((s) => `${s.file}:${s.line}` === source.value)) return false;
  return true;
}

describe('validate/manifest: sht:Validate entries of test/fixtures/manifest.ttl', function () {
  const shapes = loadShapes();
  const entries = list(one(namedNode(manifestUrl), `${MF}entries`));
  it('validate/manifest has entries', function () {
    assert.ok(entries.length >= 7);
  });
  for (const entry of entries) {
    const label = one(entry, `${RDFS}label`)?.value ?? entry.value;
    it(`validate/manifest/${entry.value.split('#')[1]}: ${label}`, async function () {
      const action = one(entry, `${MF}action`) as Term;
      const dataFile = fileURLToPath(one(action, `${SHT}dataGraph`)?.value as string);
      const result = one(entry, `${MF}result`) as Term;
      const { quads } = await assemble([dataFile]);
      const outcome = await validateQuads(quads, shapes);
      const conforms = one(result, `${SH}conforms`)?.value === 'true';
      const violations = outcome.findings.filter((f) => f.severity === 'Violation');
      assert.equal(outcome.conforms, conforms, JSON.stringify(violations, null, 1));
      for (const expected of manifest.getObjects(result as never, namedNode(`${SH}result`), null)) {
        assert.ok(outcome.findings.some((f) => matches(expected, f)), `expected result not found among ${JSON.stringify(outcome.findings, null, 1)}`);
      }
    });
  }
});
