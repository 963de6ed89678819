/** Validation findings as an RDF report (sh:ValidationReport, no blank nodes) and as readable text. */
import { DataFactory, type Quad } from 'n3';
import { dih, rdf, sh, xsd } from '../vocab/namespaces.js';
import type { ValidationFinding, ValidationOutcome } from './validate.js';

const { namedNode, literal, quad } = DataFactory;

export function reportQuads(outcome: ValidationOutcome, base: string): Quad[] {
  const out = reportNodeQuads(outcome, base);
  outcome.findings.forEach((f, i) => out.push(...resultQuads(f, i, base)));
  return out;
}

/** The IRI of the report's result for finding i (counted from 0). */
export const resultIri = (base: string, i: number): string => `${base}validation/result/${String(i + 1).padStart(5, '0')}`;

/** What the report node says: its type, whether the data conforms, and each result. */
export function reportNodeQuads(outcome: Pick<ValidationOutcome, 'conforms'> & { findings: { length: number } }, base: string): Quad[] {
  const report = namedNode(`${base}validation/report`);
  const out: Quad[] = [
    quad(report, namedNode(rdf.type), namedNode(sh.ValidationReport)),
    quad(report, namedNode(sh.conforms), literal(String(outcome.conforms), namedNode(xsd.boolean))),
  ];
  for (let i = 0; i < outcome.findings.length; i++) out.push(quad(report, namedNode(sh.result), namedNode(resultIri(base, i))));
  return out;
}

/** What the result for finding i says. */
export function resultQuads(f: ValidationFinding, i: number, base: string): Quad[] {
  const out: Quad[] = [];
  const r = namedNode(resultIri(base, i));
  const add = (p: string, o: Quad['object']) => out.push(quad(r, namedNode(p), o));
  add(rdf.type, namedNode(sh.ValidationResult));
  add(sh.resultSeverity, namedNode(sh[f.severity]));
  add(sh.focusNode, namedNode(f.focusNode));
  if (f.path && !/[ ^]/.test(f.path)) add(sh.resultPath, namedNode(f.path));
  if (f.value !== undefined) add(sh.value, f.value.startsWith('"') ? literal(JSON.parse(f.value) as string) : namedNode(f.value));
  add(sh.resultMessage, literal(f.message));
  add(sh.sourceConstraintComponent, namedNode(f.component));
  if (f.shape) add(sh.sourceShape, namedNode(f.shape));
  for (const s of f.sources) add(dih.sourceFile, literal(s.line !== undefined ? `${s.file ?? s.record}:${s.line}` : s.file ?? s.record));
  return out;
}

/** Short name of an IRI for humans: prefixed where we know the namespace. */
export function shortIri(iri: string, prefixes: Readonly<Record<string, string>>): string {
  let best = '';
  let bestPrefix = '';
  for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && ns.length > best.length) [best, bestPrefix] = [ns, p];
  return best ? `${bestPrefix}:${iri.slice(best.length)}` : `<${iri}>`;
}

export function formatFinding(f: ValidationFinding, prefixes: Readonly<Record<string, string>>): string {
  const who = f.focusLabel ? `${JSON.stringify(f.focusLabel)} (${shortIri(f.focusNode, prefixes)})` : shortIri(f.focusNode, prefixes);
  const lines = [`${f.severity}: ${who}`];
  if (f.path) lines.push(`  property: ${f.path.split(' / ').map((step) => step.split(' | ').map((p) => (p.startsWith('^') ? `^${shortIri(p.slice(1), prefixes)}` : shortIri(p, prefixes))).join('|')).join('/')}`);
  if (f.value !== undefined) lines.push(`  value:    ${f.value.startsWith('"') ? f.value : shortIri(f.value, prefixes)}`);
  lines.push(`  message:  ${f.message}`);
  for (const s of f.sources) {
    const where = [s.file, s.line].filter((x) => x !== undefined).join(':');
    lines.push(`  source:   ${where || s.record}${s.identifier ? ` (record ${s.identifier})` : ''}`);
  }
  return lines.join('\n');
}

export function formatOutcome(outcome: ValidationOutcome, prefixes: Readonly<Record<string, string>>): string {
  const parts = outcome.findings.map((f) => formatFinding(f, prefixes));
  parts.push(`${outcome.conforms ? 'conforms' : 'does not conform'}: ${outcome.violations} violation(s), ${outcome.warnings} warning(s)`);
  return `${parts.join('\n\n')}\n`;
}
