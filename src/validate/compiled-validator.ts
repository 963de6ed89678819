/**
 * Validation of a graph held as a term table and integer ids (the encoding a build hands its
 * workers) against compiled shapes (compile-shapes.ts). The triples are indexed by subject once;
 * a shape's values are a scan of its focus node's few triples; the conformance of a node to a
 * nested shape (a hub's sector to dihsh:SectorConcept) is computed once per node. Results are
 * those shacl-engine gives for one run over the union graph; the tests hold the two side by side.
 */
import type { Term } from 'n3';
import compareTerms from 'shacl-engine/lib/compareTerms.js';
import { XsdValidation } from 'rdf-validation';
import { rdf, sh } from '../vocab/namespaces.js';
import { decodeTerm, type EncodedTerm } from '../util/triple-transfer.js';
import { termKey, type CompiledShape, type CompiledShapes, type Constraint } from './compile-shapes.js';
import type { PlainResult, ResultSeverity } from './validate.js';

const SH = sh.$base;
const RDF_LANG_STRING = rdf.langString;
const STANDARD_SEVERITIES = new Set([sh.Violation, sh.Warning, sh.Info]);

/** The N-Triples form shacl-engine puts into messages (@rdfjs/to-ntriples). */
function toNT(t: Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType !== 'Literal') return t.value;
  const escaped = t.value.replace(/["\\\n\r]/g, (c) => ({ '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' })[c]!);
  if (t.datatype.value === 'http://www.w3.org/2001/XMLSchema#string') return `"${escaped}"`;
  if (t.datatype.value === RDF_LANG_STRING) return `"${escaped}"@${t.language}`;
  return `"${escaped}"^^<${t.datatype.value}>`;
}

type Args = Record<string, string | number | Term | undefined>;

/** shacl-engine's message templates: `{$name}` and `{?name}` replaced once each. */
function resolveVariables(message: string, args: Args): string {
  return Object.entries(args).reduce((text, [name, value]) => {
    const shown = value !== undefined && typeof value === 'object' ? toNT(value) : String(value);
    return text.replace(`{$${name}}`, shown).replace(`{?${name}}`, shown);
  }, message);
}

/** The union graph, indexed by subject: each subject's predicates and objects side by side. */
class SubjectIndex {
  readonly terms: EncodedTerm[];
  /** Triples indexed (with any duplicates the input has). */
  readonly size: number;
  private readonly start: Int32Array;
  private readonly predicates: Int32Array;
  private readonly objects: Int32Array;
  private byKey: Map<string, number> | undefined;
  private readonly keys: string[] = [];
  private readonly rdfTerms: (Term | undefined)[] = [];

  constructor(terms: EncodedTerm[], ids: Int32Array) {
    this.terms = terms.slice();
    const triples = ids.length / 3;
    const start = new Int32Array(terms.length + 2);
    for (let i = 0; i < triples; i++) start[ids[3 * i]! + 2]!++;
    for (let s = 2; s < start.length; s++) start[s]! += start[s - 1]!;
    this.predicates = new Int32Array(triples);
    this.objects = new Int32Array(triples);
    for (let i = 0; i < triples; i++) {
      const at = start[ids[3 * i]! + 1]!++;
      this.predicates[at] = ids[3 * i + 1]!;
      this.objects[at] = ids[3 * i + 2]!;
    }
    this.start = start.subarray(0, terms.length + 1);
    this.size = triples;
  }

  /** The id of a term (one is added when the data does not have it: a target node, say). */
  id(term: Term): number {
    const byKey = this.keyed();
    const key = termKey(term);
    let id = byKey.get(key);
    if (id === undefined) {
      byKey.set(key, (id = this.terms.length));
      this.terms.push(encodedOf(term));
      this.keys.push(key);
    }
    return id;
  }

  /**
   * The key of term `id` (termKey's form), made once with the index of every term: class tests
   * look up the class of every rdf:type statement, for every root shape.
   */
  keyOf(id: number): string {
    this.keyed();
    return this.keys[id]!;
  }

  /** Each term's id by its key, and each term's key by its id, made on first use. */
  private keyed(): Map<string, number> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (let i = 0; i < this.terms.length; i++) {
        const key = encodedKey(this.terms[i]!);
        this.keys.push(key);
        this.byKey.set(key, i);
      }
    }
    return this.byKey;
  }

  /** Distinct objects of (subject, predicate). */
  values(subject: number, predicate: number): number[] {
    const out: number[] = [];
    if (subject + 1 >= this.start.length) return out;
    for (let i = this.start[subject]!, end = this.start[subject + 1]!; i < end; i++) {
      if (this.predicates[i] !== predicate) continue;
      const o = this.objects[i]!;
      if (!out.includes(o)) out.push(o);
    }
    return out;
  }

  /** Every triple with the predicate, as subject and object. */
  *withPredicate(predicate: number): Generator<[number, number]> {
    for (let s = 0; s + 1 < this.start.length; s++) {
      for (let i = this.start[s]!, end = this.start[s + 1]!; i < end; i++) if (this.predicates[i] === predicate) yield [s, this.objects[i]!];
    }
  }

  rdfTerm(id: number): Term {
    let t = this.rdfTerms[id];
    if (!t) this.rdfTerms[id] = t = decodeTerm(this.terms[id]!) as Term;
    return t;
  }
}

function encodedKey(t: EncodedTerm): string {
  return t[0] === 'L' ? `L${t[1]}\u0001${t[2]}\u0001${t[3]}` : `${t[0]}${t[1]}`;
}

function encodedOf(t: Term): EncodedTerm {
  if (t.termType === 'Literal') return ['L', t.value, t.language, t.language ? '' : t.datatype.value];
  return [t.termType === 'BlankNode' ? 'B' : 'I', t.value];
}

interface Found {
  shape: CompiledShape;
  focus: number;
  component: string;
  value?: number;
  message: string[];
}

/** Results of validating the triples `ids` (over `terms`; graph names dropped) against `plan`. */
export function validateCompiled(plan: CompiledShapes, terms: EncodedTerm[], ids: Int32Array): PlainResult[] {
  const graph = new SubjectIndex(terms, ids);
  // shacl-engine ignores an empty data graph
  if (graph.size === 0) return [];
  const run = new Run(graph, plan);
  const found: Found[] = [];
  for (const root of plan.roots) {
    for (const focus of run.targets(root)) run.validate(root.shape, focus, found);
  }
  return found.map((f) => run.plain(f));
}

class Run {
  private readonly rdfType: number;
  private readonly predicateIds = new Map<string, number>();
  private readonly conformance: Map<number, boolean>[] = [];
  private readonly xsdValid = new Map<number, boolean>();
  private readonly xsd = new XsdValidation();
  private typePairs: [number, number][] | undefined;

  constructor(private readonly graph: SubjectIndex, private readonly plan: CompiledShapes) {
    this.rdfType = graph.id({ termType: 'NamedNode', value: rdf.type } as Term);
  }

  targets(root: CompiledShapes['roots'][number]): Set<number> {
    const out = new Set<number>();
    if (root.targetClasses.size) {
      this.typePairs ??= [...this.graph.withPredicate(this.rdfType)];
      for (const [s, o] of this.typePairs) if (root.targetClasses.has(this.graph.keyOf(o))) out.add(s);
    }
    for (const node of root.targetNodes) out.add(this.graph.id(node));
    for (const p of root.targetSubjectsOf) for (const [s] of this.graph.withPredicate(this.predicate(p))) out.add(s);
    for (const p of root.targetObjectsOf) for (const [, o] of this.graph.withPredicate(this.predicate(p))) out.add(o);
    return out;
  }

  private predicate(iri: string): number {
    let id = this.predicateIds.get(iri);
    if (id === undefined) this.predicateIds.set(iri, (id = this.graph.id({ termType: 'NamedNode', value: iri } as Term)));
    return id;
  }

  /**
   * Results of `shape` on `focus`. `nested`: the focus is a value of an enclosing property shape;
   * shacl-engine then gives results without a value of their own (sh:minCount, sh:hasValue...)
   * that value, the focus.
   */
  validate(shape: CompiledShape, focus: number, out: Found[], nested = false): void {
    const inherited = nested ? focus : undefined;
    if (shape.path === undefined) {
      for (const c of shape.onNode) this.onNode(c, shape, focus, out, inherited);
      for (const c of shape.onEach) this.onEach(c, shape, focus, focus, out, nested);
      return;
    }
    const values = this.graph.values(focus, this.predicate(shape.path));
    for (const c of shape.onValues) this.onValues(c, shape, focus, values, out, inherited);
    for (const value of values) for (const c of shape.onEach) this.onEach(c, shape, focus, value, out, true);
  }

  /** Whether `focus` conforms to `shape`: no result of a standard severity (remembered). */
  private conforms(shape: CompiledShape, focus: number): boolean {
    let memo = this.conformance[shape.index];
    if (!memo) this.conformance[shape.index] = memo = new Map();
    let answer = memo.get(focus);
    if (answer === undefined) {
      const results: Found[] = [];
      this.validate(shape, focus, results);
      answer = !results.some((r) => STANDARD_SEVERITIES.has(r.shape.severity));
      memo.set(focus, answer);
    }
    return answer;
  }

  private fail(out: Found[], shape: CompiledShape, focus: number, component: string, value: number | undefined, template: string | undefined, args: Args = {}): void {
    const messages = shape.messages.length ? shape.messages : template !== undefined ? [template] : this.plan.componentMessages.get(SH + component) ?? [];
    out.push({ shape, focus, component: SH + component, ...(value !== undefined ? { value } : {}), message: messages.map((m) => resolveVariables(m, args)) });
  }

  private onNode(c: Constraint, shape: CompiledShape, focus: number, out: Found[], inherited: number | undefined): void {
    if (c.kind !== 'hasValue') return;
    if (this.graph.id(c.term) !== focus) this.fail(out, shape, focus, 'HasValueConstraintComponent', inherited, 'Value must be {$hasValue}', { hasValue: c.term });
  }

  private onValues(c: Constraint, shape: CompiledShape, focus: number, values: number[], out: Found[], inherited: number | undefined): void {
    switch (c.kind) {
      case 'minCount':
        if (!(values.length >= c.count)) this.fail(out, shape, focus, 'MinCountConstraintComponent', inherited, 'Less than {$minCount} values', { minCount: c.count });
        return;
      case 'maxCount':
        if (!(values.length <= c.count)) this.fail(out, shape, focus, 'MaxCountConstraintComponent', inherited, 'More than {$maxCount} values', { maxCount: c.count });
        return;
      case 'uniqueLang': {
        const counts = new Map<string, number>();
        for (const v of values) {
          const t = this.graph.terms[v]!;
          if (t[0] === 'L' && t[2]) counts.set(t[2], (counts.get(t[2]) ?? 0) + 1);
        }
        for (const [lang, n] of counts) if (n > 1) this.fail(out, shape, focus, 'UniqueLangConstraintComponent', inherited, 'Language "{?lang}" used more than once', { lang });
        return;
      }
      case 'hasValue':
        if (!values.includes(this.graph.id(c.term))) this.fail(out, shape, focus, 'HasValueConstraintComponent', inherited, 'Missing expected value {$hasValue}', { hasValue: c.term });
        return;
      default:
        return;
    }
  }

  private onEach(c: Constraint, shape: CompiledShape, focus: number, value: number, out: Found[], nested: boolean): void {
    const t = this.graph.terms[value]!;
    switch (c.kind) {
      case 'nodeKind': {
        const termType = t[0] === 'I' ? 'NamedNode' : t[0] === 'B' ? 'BlankNode' : 'Literal';
        if (!c.kinds.has(termType)) this.fail(out, shape, focus, 'NodeKindConstraintComponent', value, 'Value does not have node kind {$nodeKind}', { nodeKind: c.nodeKind });
        return;
      }
      case 'datatype': {
        const datatype = t[0] === 'L' ? (t[2] ? RDF_LANG_STRING : t[3]) : undefined;
        const ok = c.datatype.termType === 'NamedNode' && datatype === c.datatype.value && this.lexicallyValid(value);
        if (!ok) this.fail(out, shape, focus, 'DatatypeConstraintComponent', value, 'Value does not have datatype {$datatype}', { datatype: c.datatype });
        return;
      }
      case 'pattern':
        if (!c.regex.test(t[1])) this.fail(out, shape, focus, 'PatternConstraintComponent', value, 'Value does not match pattern "{$pattern}"', { flags: c.flags, pattern: c.pattern });
        return;
      case 'minLength':
        if (!(t[0] !== 'B' && t[1].length >= c.length)) this.fail(out, shape, focus, 'MinLengthConstraintComponent', value, 'Value has less than {$minLength} characters', { minLength: c.length });
        return;
      case 'maxLength':
        if (!(t[0] !== 'B' && t[1].length <= c.length)) this.fail(out, shape, focus, 'MaxLengthConstraintComponent', value, 'Value has more than {$maxLength} characters', { maxLength: c.length });
        return;
      case 'languageIn': {
        const lang = t[0] === 'L' ? t[2] : '';
        if (!c.tags.some((tag) => !!lang && lang.slice(0, tag.length) === tag)) this.fail(out, shape, focus, 'LanguageInConstraintComponent', value, 'Language does not match any of {$languageIn}', { languageIn: c.tags.join(', ') });
        return;
      }
      case 'in':
        if (!c.terms.some((term) => this.graph.id(term) === value)) this.fail(out, shape, focus, 'InConstraintComponent', value, 'Value is not in {$in}', { in: [...new Map(c.terms.map((x) => [termKey(x), x.value])).values()].join(', ') });
        return;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive': {
        const comparison = compareTerms(this.graph.rdfTerm(value), c.bound);
        const ok = comparison !== null && (c.kind === 'minInclusive' ? comparison >= 0 : c.kind === 'maxInclusive' ? comparison <= 0 : c.kind === 'minExclusive' ? comparison > 0 : comparison < 0);
        if (!ok) this.fail(out, shape, focus, `${c.kind[0]!.toUpperCase()}${c.kind.slice(1)}ConstraintComponent`, value, RANGE_MESSAGES[c.kind], { [c.kind]: c.bound });
        return;
      }
      case 'class': {
        const types = this.graph.values(value, this.rdfType);
        if (!types.some((type) => c.classes.has(this.graph.keyOf(type)))) this.fail(out, shape, focus, 'ClassConstraintComponent', value, undefined);
        return;
      }
      case 'node':
        if (!this.conforms(c.shape, value)) this.fail(out, shape, focus, 'NodeConstraintComponent', value, 'Value does not have shape {$node}', { node: c.shape.term });
        return;
      case 'property':
        for (const inner of c.shapes) this.validate(inner, value, out, nested);
        return;
      case 'and':
        if (!c.shapes.every((inner) => this.conforms(inner, value))) this.fail(out, shape, focus, 'AndConstraintComponent', value, undefined);
        return;
      case 'or':
        if (!c.shapes.some((inner) => this.conforms(inner, value))) this.fail(out, shape, focus, 'OrConstraintComponent', value, undefined);
        return;
      case 'xone':
        if (c.shapes.filter((inner) => this.conforms(inner, value)).length !== 1) this.fail(out, shape, focus, 'XoneConstraintComponent', value, undefined);
        return;
      case 'not':
        if (this.conforms(c.shape, value)) this.fail(out, shape, focus, 'NotConstraintComponent', value, 'Value does have shape {$not}', { not: c.shape.term });
        return;
      default:
        return;
    }
  }

  /** The lexical form is valid for its datatype (rdf-validation, as shacl-engine checks it). */
  private lexicallyValid(value: number): boolean {
    let ok = this.xsdValid.get(value);
    if (ok === undefined) this.xsdValid.set(value, (ok = this.xsd.validateSimple(this.graph.rdfTerm(value))));
    return ok;
  }

  plain(f: Found): PlainResult {
    const focus = this.graph.terms[f.focus]!;
    const out: PlainResult = {
      severity: severityOf(f.shape.severity),
      focusNode: focus[1],
      message: f.message.join('; ') || 'constraint not met',
      shape: f.shape.term.termType === 'NamedNode' ? f.shape.term.value : '',
      component: f.component,
    };
    if (f.shape.path !== undefined) out.path = f.shape.path;
    if (f.value !== undefined) {
      const v = this.graph.terms[f.value]!;
      out.value = v[0] === 'L' ? JSON.stringify(v[1]) : v[1];
    }
    return out;
  }
}

const RANGE_MESSAGES = {
  minInclusive: 'Value is not greater than or equal to {$minInclusive}',
  maxInclusive: 'Value is not less than or equal to {$maxInclusive}',
  minExclusive: 'Value is not greater than {$minExclusive}',
  maxExclusive: 'Value is not less than {$maxExclusive}',
} as const;

function severityOf(iri: string): ResultSeverity {
  return iri === sh.Warning ? 'Warning' : iri === sh.Info ? 'Info' : 'Violation';
}
