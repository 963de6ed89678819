/**
 * The validation report as Turtle, piece by piece: the same text as
 * toTurtle(reportQuads(outcome, base)), without making every statement of the report at once. A
 * 100,000-hub build has 200,000 findings: 1.4 M statements, sorted and written as one string, were
 * the build's largest allocation after the batches.
 */
import { DataFactory, type Quad } from 'n3';
import { reportNodeQuads, resultIri, resultQuads } from '../validate/report.js';
import type { ValidationFinding, ValidationOutcome } from '../validate/validate.js';
import { sh } from '../vocab/namespaces.js';

const { namedNode, quad } = DataFactory;
import { sortedTriples } from './serialize.js';
import { turtlePieces } from './turtle-pieces.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** IRIs compared as `<a>` and `<b>` are, without making those strings: a prefix compares its '>'. */
function cmpAsObjects(a: string, b: string): number {
  if (a.length > b.length && a.startsWith(b)) return a.charCodeAt(b.length) < 0x3e ? -1 : 1;
  if (b.length > a.length && b.startsWith(a)) return b.charCodeAt(a.length) < 0x3e ? 1 : -1;
  return cmp(a, b);
}

/** What a report is written from: the findings in order, read one at a time (a build in batches keeps them on disk). */
export interface ReportSource {
  readonly conforms: boolean;
  readonly length: number;
  at(i: number): ValidationFinding;
}

const sourceOf = (outcome: ValidationOutcome | ReportSource): ReportSource =>
  'findings' in outcome ? { conforms: outcome.conforms, length: outcome.findings.length, at: (i) => outcome.findings[i]! } : outcome;

/** The report's Turtle in pieces of about `findingsPerPiece` results each. */
export function* reportTurtle(outcome: ValidationOutcome | ReportSource, base: string, prefixes: Readonly<Record<string, string>>, findingsPerPiece = 5000): Generator<string> {
  const source = sourceOf(outcome);
  const writer = turtlePieces(prefixes);
  // Subjects in publication order: the report node (".../validation/report" sorts before
  // ".../validation/result/..."), then the results by their IRIs as strings: numbered from 00001,
  // they sort as numbers until the numbers grow a sixth digit.
  const order = Array.from({ length: source.length }, (_, i) => i);
  const iris = order.map((i) => resultIri(base, i));
  // As objects they sort as N-Triples terms, <...>: a number sorts before its own prefix there.
  const asObjects = [...order].sort((a, b) => cmpAsObjects(iris[a]!, iris[b]!));
  order.sort((a, b) => cmp(iris[a]!, iris[b]!));
  iris.length = 0;
  // The report node's statements: its type and conformance, then a result per finding, a piece at
  // a time (200,000 results at 100,000 hubs); the writer continues the list of objects.
  const head = sortedTriples(reportNodeQuads({ conforms: source.conforms, findings: [] }, base));
  writer.add(head);
  const report = head[0]!.subject;
  for (let start = 0; start < asObjects.length; start += findingsPerPiece) {
    writer.add(asObjects.slice(start, start + findingsPerPiece).map((i) => quad(report, namedNode(sh.result), namedNode(resultIri(base, i)))));
    yield writer.take();
  }
  asObjects.length = 0;
  yield writer.take();
  for (let start = 0; start < order.length; start += findingsPerPiece) {
    const quads: Quad[] = [];
    for (const i of order.slice(start, start + findingsPerPiece)) quads.push(...resultQuads(source.at(i), i, base));
    writer.add(sortedTriples(quads));
    yield writer.take();
  }
  yield writer.end();
}
