/** publish/report-turtle: the validation report written piece by piece is toTurtle's text of reportQuads, byte for byte. */
import assert from 'node:assert/strict';
import { reportTurtle } from '../../src/publish/report-turtle.js';
import { toTurtle } from '../../src/publish/serialize.js';
import { reportQuads } from '../../src/validate/report.js';
import type { ValidationFinding, ValidationOutcome } from '../../src/validate/validate.js';
import { prefixesFor } from '../../src/vocab/namespaces.js';

const BASE = 'https://w3id.org/dih/';
const MIN_COUNT = 'http://www.w3.org/ns/shacl#MinCountConstraintComponent';

/** Findings of every shape the report writes: with and without a path, a value (literal or IRI), lines, several sources. */
function finding(i: number): ValidationFinding {
  return {
    severity: i % 3 === 0 ? 'Violation' : 'Warning',
    focusNode: `${BASE}hub/h${i % 7}`,
    ...(i % 2 ? { path: 'https://w3id.org/dih/ns#status' } : {}),
    ...(i % 4 === 1 ? { value: '"Fully \\"operational\\"\\n"' } : i % 4 === 2 ? { value: `${BASE}concept/status/x${i}` } : {}),
    message: `a hub should state its status (${i}) ✓`,
    shape: `${BASE}shapes/HubShape`,
    component: MIN_COUNT,
    sources: i % 5 === 0 ? [] : [{ record: `${BASE}source/r/${i}`, file: 'registry.yaml', ...(i % 2 ? { line: i * 10 } : {}) }, ...(i % 3 === 1 ? [{ record: `${BASE}source/s/${i}` }] : [])],
  };
}

const outcomeOf = (findings: ValidationFinding[]): ValidationOutcome => ({
  conforms: !findings.some((f) => f.severity === 'Violation'),
  findings,
  violations: findings.filter((f) => f.severity === 'Violation').length,
  warnings: findings.filter((f) => f.severity === 'Warning').length,
});

describe('publish/report-turtle', function () {
  this.timeout(120_000);
  const prefixes = prefixesFor(BASE);

  for (const [n, perPiece] of [[0, 5], [1, 5], [23, 5], [23, 1], [23, 100]] as const) {
    it(`publish/report-turtle/${n} findings, ${perPiece} a piece: the text of toTurtle(reportQuads)`, async function () {
      const outcome = outcomeOf(Array.from({ length: n }, (_, i) => finding(i)));
      const pieces = [...reportTurtle(outcome, BASE, prefixes, perPiece)];
      assert.ok(pieces.length >= Math.ceil(n / perPiece) + 1);
      assert.equal(pieces.join(''), await toTurtle(reportQuads(outcome, BASE), prefixes));
    });
  }

  it('publish/report-turtle/100,001 findings: result numbers of five and six digits sort as toTurtle sorts them', async function () {
    const outcome = outcomeOf(Array.from({ length: 100_001 }, (_, i) => ({ severity: 'Warning' as const, focusNode: `${BASE}hub/h${i}`, message: 'm', shape: `${BASE}shapes/HubShape`, component: MIN_COUNT, sources: [] })));
    assert.equal([...reportTurtle(outcome, BASE, prefixes)].join(''), await toTurtle(reportQuads(outcome, BASE), prefixes));
  });
});
