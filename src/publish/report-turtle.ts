/**
 * The validation report as Turtle, piece by piece: the same text as
 * toTurtle(reportQuads(outcome, base)), without making every statement of the report at once. A
 * 100,000-hub build has 200,000 findings: 1.4 M statements, sorted and written as one string, were
 * the build's largest allocation after the batches.
 */
import type { Quad } from 'n3';
import { reportNodeQuads, resultIri, resultQuads } from '../validate/report.js';
import type { ValidationOutcome } from '../validate/validate.js';
import { sortedTriples } from './serialize.js';
import { turtlePieces } from './turtle-pieces.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The report's Turtle in pieces of about `findingsPerPiece` results each. */
export function* reportTurtle(outcome: ValidationOutcome, base: string, prefixes: Readonly<Record<string, string>>, findingsPerPiece = 5000): Generator<string> {
  const writer = turtlePieces(prefixes);
  // Subjects in publication order: the report node (".../validation/report" sorts before
  // ".../validation/result/..."), then the results by their IRIs as strings: numbered from 00001,
  // they sort as numbers until the numbers grow a sixth digit.
  writer.add(sortedTriples(reportNodeQuads(outcome, base)));
  yield writer.take();
  const order = outcome.findings.map((_, i) => i);
  const iris = order.map((i) => resultIri(base, i));
  order.sort((a, b) => cmp(iris[a]!, iris[b]!));
  for (let start = 0; start < order.length; start += findingsPerPiece) {
    const quads: Quad[] = [];
    for (const i of order.slice(start, start + findingsPerPiece)) quads.push(...resultQuads(outcome.findings[i]!, i, base));
    writer.add(sortedTriples(quads));
    yield writer.take();
  }
  yield writer.end();
}
