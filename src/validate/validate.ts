/**
 * validate: run shacl-engine and turn its results into plain data, each result tied back to the
 * source record (file, line, record id) the focus node was read from.
 */
import { DataFactory, Store, type Quad } from 'n3';
import { Validator, type ShaclResult } from 'shacl-engine';
import { dcterms, dih, sh, skos } from '../vocab/namespaces.js';

export type ResultSeverity = 'Violation' | 'Warning' | 'Info';

export interface ValidationFinding {
  severity: ResultSeverity;
  focusNode: string;
  /** Label of the focus node, or of the hub it belongs to, for readable reports. */
  focusLabel?: string;
  path?: string;
  value?: string;
  message: string;
  shape: string;
  component: string;
  /** Source records the focus node's facts came from. */
  sources: { record: string; file?: string; line?: number; identifier?: string }[];
}

export interface ValidationOutcome {
  conforms: boolean;
  findings: ValidationFinding[];
  violations: number;
  warnings: number;
}

const factory = { ...DataFactory, dataset: () => new Store() };

function termText(t: { termType: string; value: string } | undefined | null): string | undefined {
  if (!t) return undefined;
  return t.termType === 'Literal' ? JSON.stringify(t.value) : t.value;
}

function severityOf(result: ShaclResult): ResultSeverity {
  const v = result.severity.value;
  return v === sh.Warning ? 'Warning' : v === sh.Info ? 'Info' : 'Violation';
}

/**
 * Validates `data` (every graph of it: shapes see the union) against `shapes`.
 * Source attribution uses the named graphs: a focus node's facts live in its source records' graphs.
 */
export async function validateQuads(data: Quad[], shapes: Store): Promise<ValidationOutcome> {
  const union = new Store();
  const graphsOf = new Map<string, Set<string>>();
  for (const q of data) {
    union.addQuad(q.subject, q.predicate, q.object);
    if (q.graph.termType === 'NamedNode') {
      let set = graphsOf.get(q.subject.value);
      if (!set) graphsOf.set(q.subject.value, (set = new Set()));
      set.add(q.graph.value);
    }
  }
  const validator = new Validator(shapes, { factory });
  const report = await validator.validate({ dataset: union });
  const one = (s: string, p: string): Quad['object'] | undefined => union.getObjects(DataFactory.namedNode(s), DataFactory.namedNode(p), null)[0];
  const findings: ValidationFinding[] = report.results.map((r) => {
    const focus = r.focusNode.term.value;
    const sources = [...(graphsOf.get(focus) ?? [])].sort().map((record) => {
      const line = one(record, dih.recordLine);
      const file = one(record, dih.sourceFile);
      const identifier = one(record, dcterms.identifier);
      return {
        record,
        ...(file ? { file: file.value } : {}),
        ...(line ? { line: Number(line.value) } : {}),
        ...(identifier ? { identifier: identifier.value } : {}),
      };
    });
    // A source record itself has no graph: it is described in the default graph.
    if (!sources.length && one(focus, dih.sourceFile)) {
      const file = one(focus, dih.sourceFile);
      const line = one(focus, dih.recordLine);
      sources.push({ record: focus, ...(file ? { file: file.value } : {}), ...(line ? { line: Number(line.value) } : {}) });
    }
    const label = one(focus, skos.prefLabel);
    const finding: ValidationFinding = {
      severity: severityOf(r),
      focusNode: focus,
      message: r.message.map((m) => m.value).join('; ') || 'constraint not met',
      shape: r.shape.ptr.term.termType === 'NamedNode' ? r.shape.ptr.term.value : '',
      component: r.constraintComponent.value,
      sources,
    };
    if (label) finding.focusLabel = label.value;
    const path = r.path?.map((step) => (step.start === 'object' ? '^' : '') + step.predicates.map((p) => p.value).join(' | ')).join(' / ');
    if (path) finding.path = path;
    const value = termText(r.value?.term);
    if (value !== undefined) finding.value = value;
    return finding;
  });
  findings.sort((a, b) => key(a).localeCompare(key(b)));
  const violations = findings.filter((f) => f.severity === 'Violation').length;
  const warnings = findings.filter((f) => f.severity === 'Warning').length;
  return { conforms: violations === 0, findings, violations, warnings };
}

function key(f: ValidationFinding): string {
  return [f.severity === 'Violation' ? 0 : 1, f.focusNode, f.path ?? '', f.value ?? '', f.message].join('\u0000');
}
