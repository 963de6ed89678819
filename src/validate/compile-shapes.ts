/**
 * SHACL shapes compiled into plain data for our own validator (compiled-validator.ts), which
 * checks a graph held as a term table and integer ids with no RDF/JS objects per triple: on the
 * registries' graph it replaces seconds of shacl-engine by a fraction of one.
 *
 * It covers the SHACL Core that our shapes use and most of the rest, with shacl-engine's own
 * semantics where the specification leaves room (messages, class targets resolved in the shapes
 * graph, results of sh:uniqueLang). Shapes that use anything else (sh:closed, qualified value
 * shapes, property pairs, SPARQL, complex paths, recursion) do not compile: `compileShapes` says
 * why, and the caller validates with shacl-engine instead. Tests compare both engines' results.
 */
import { DataFactory, type Store, type Term } from 'n3';
import { rdf, rdfs, sh, xsd } from '../vocab/namespaces.js';

const { namedNode } = DataFactory;

export type Constraint =
  | { kind: 'minCount' | 'maxCount'; count: number }
  | { kind: 'uniqueLang' }
  | { kind: 'hasValue'; term: Term }
  | { kind: 'nodeKind'; nodeKind: Term; kinds: ReadonlySet<'NamedNode' | 'BlankNode' | 'Literal'> }
  | { kind: 'datatype'; datatype: Term }
  | { kind: 'pattern'; regex: RegExp; pattern: string; flags: string | undefined }
  | { kind: 'minLength' | 'maxLength'; length: number }
  | { kind: 'languageIn'; tags: string[] }
  | { kind: 'in'; terms: Term[] }
  | { kind: 'minInclusive' | 'maxInclusive' | 'minExclusive' | 'maxExclusive'; bound: Term }
  /** classes: the class and its subclasses, as termKey */
  | { kind: 'class'; classes: ReadonlySet<string> }
  | { kind: 'node'; shape: CompiledShape }
  | { kind: 'property'; shapes: CompiledShape[] }
  | { kind: 'and' | 'or' | 'xone'; shapes: CompiledShape[] }
  | { kind: 'not'; shape: CompiledShape };

export interface CompiledShape {
  /** Index in CompiledShapes.all: the key of remembered conformance. */
  index: number;
  term: Term;
  /** Predicate of a property shape; undefined for a node shape. */
  path?: string;
  /** sh:severity, or sh:Violation. */
  severity: string;
  /** sh:message values: they replace every constraint's own message. */
  messages: string[];
  /** Checked once on the set of values of a property shape (shacl-engine's "property" validations). */
  onValues: Constraint[];
  /** Checked on each value of a property shape, or on the focus node of a node shape ("generic"). */
  onEach: Constraint[];
  /** Checked on the focus node of a node shape only ("node" validations: sh:hasValue). */
  onNode: Constraint[];
}

export interface CompiledShapes {
  /** Shapes validated on their targets, as shacl-engine picks them; classes as termKey. */
  roots: { shape: CompiledShape; targetClasses: ReadonlySet<string>; targetNodes: Term[]; targetSubjectsOf: string[]; targetObjectsOf: string[] }[];
  all: CompiledShape[];
  /** sh:message of constraint components, used when neither the shape nor the constraint has one. */
  componentMessages: ReadonlyMap<string, string[]>;
}

export class UnsupportedShapes extends Error {
  constructor(readonly shape: string, readonly feature: string) {
    super(`shape ${shape} uses ${feature}, which the compiled validator does not cover`);
  }
}

const SH = sh.$base;
/** What shacl-engine validates but we do not: such shapes go to shacl-engine whole. */
const UNSUPPORTED = ['closed', 'qualifiedValueShape', 'equals', 'disjoint', 'lessThan', 'lessThanOrEquals', 'sparql'].map((n) => SH + n);
const NODE_KINDS: Record<string, ReadonlySet<'NamedNode' | 'BlankNode' | 'Literal'>> = {
  [`${SH}BlankNode`]: new Set(['BlankNode']),
  [`${SH}BlankNodeOrIRI`]: new Set(['BlankNode', 'NamedNode']),
  [`${SH}BlankNodeOrLiteral`]: new Set(['BlankNode', 'Literal']),
  [`${SH}IRI`]: new Set(['NamedNode']),
  [`${SH}IRIOrLiteral`]: new Set(['NamedNode', 'Literal']),
  [`${SH}Literal`]: new Set(['Literal']),
};

interface Compiler {
  shapes: Store;
  objects(subject: Term, predicate: string): Term[];
  /** The one value of a parameter that shacl-engine reads as a single term. */
  single(subject: Term, predicate: string): Term;
  list(head: Term): Term[];
  shape(term: Term): CompiledShape;
  /** Keys (termKey) of classes and their subclasses declared in the shapes graph (where shacl-engine looks for them). */
  classClosure(terms: Term[]): Set<string>;
}

type ParameterCompiler = (c: Compiler, shape: Term) => { onValues?: Constraint[]; onEach?: Constraint[]; onNode?: Constraint[] };

const integer = (c: Compiler, shape: Term, p: string): number => Number.parseInt(c.single(shape, p).value, 10);

/** One entry per constraint parameter, as shacl-engine's registry of validations. */
const PARAMETERS: Record<string, ParameterCompiler> = {
  [`${SH}minCount`]: (c, s) => ({ onValues: [{ kind: 'minCount', count: integer(c, s, `${SH}minCount`) }] }),
  [`${SH}maxCount`]: (c, s) => ({ onValues: [{ kind: 'maxCount', count: integer(c, s, `${SH}maxCount`) }] }),
  [`${SH}uniqueLang`]: (c, s) => {
    const t = c.single(s, `${SH}uniqueLang`);
    const on = t.termType === 'Literal' && t.value === 'true' && t.datatype.value === xsd.boolean;
    return on ? { onValues: [{ kind: 'uniqueLang' }] } : {};
  },
  [`${SH}hasValue`]: (c, s) => {
    const term = c.single(s, `${SH}hasValue`);
    return { onValues: [{ kind: 'hasValue', term }], onNode: [{ kind: 'hasValue', term }] };
  },
  [`${SH}nodeKind`]: (c, s) => {
    const nodeKind = c.single(s, `${SH}nodeKind`);
    const kinds = NODE_KINDS[nodeKind.value];
    if (!kinds) throw new UnsupportedShapes(s.value, `sh:nodeKind ${nodeKind.value}`);
    return { onEach: [{ kind: 'nodeKind', nodeKind, kinds }] };
  },
  [`${SH}datatype`]: (c, s) => ({ onEach: [{ kind: 'datatype', datatype: c.single(s, `${SH}datatype`) }] }),
  [`${SH}pattern`]: (c, s) => {
    const pattern = c.single(s, `${SH}pattern`).value;
    const flags = c.objects(s, `${SH}flags`)[0]?.value;
    // with g or y a RegExp keeps state between tests, which shacl-engine would carry over values
    if (flags && /[gy]/.test(flags)) throw new UnsupportedShapes(s.value, `sh:flags "${flags}"`);
    return { onEach: [{ kind: 'pattern', pattern, flags, regex: new RegExp(pattern, flags) }] };
  },
  [`${SH}minLength`]: (c, s) => ({ onEach: [{ kind: 'minLength', length: integer(c, s, `${SH}minLength`) }] }),
  [`${SH}maxLength`]: (c, s) => ({ onEach: [{ kind: 'maxLength', length: integer(c, s, `${SH}maxLength`) }] }),
  [`${SH}languageIn`]: (c, s) => ({ onEach: [{ kind: 'languageIn', tags: [...new Set(c.objects(s, `${SH}languageIn`).flatMap((h) => c.list(h)).map((t) => t.value))] }] }),
  [`${SH}in`]: (c, s) => ({ onEach: [{ kind: 'in', terms: c.objects(s, `${SH}in`).flatMap((h) => c.list(h)) }] }),
  [`${SH}minInclusive`]: (c, s) => ({ onEach: [{ kind: 'minInclusive', bound: c.single(s, `${SH}minInclusive`) }] }),
  [`${SH}maxInclusive`]: (c, s) => ({ onEach: [{ kind: 'maxInclusive', bound: c.single(s, `${SH}maxInclusive`) }] }),
  [`${SH}minExclusive`]: (c, s) => ({ onEach: [{ kind: 'minExclusive', bound: c.single(s, `${SH}minExclusive`) }] }),
  [`${SH}maxExclusive`]: (c, s) => ({ onEach: [{ kind: 'maxExclusive', bound: c.single(s, `${SH}maxExclusive`) }] }),
  [`${SH}class`]: (c, s) => ({ onEach: c.objects(s, `${SH}class`).map((t) => ({ kind: 'class', classes: c.classClosure([t]) }) as Constraint) }),
  [`${SH}node`]: (c, s) => ({ onEach: c.objects(s, `${SH}node`).map((t) => ({ kind: 'node', shape: c.shape(t) }) as Constraint) }),
  [`${SH}property`]: (c, s) => ({ onEach: [{ kind: 'property', shapes: c.objects(s, `${SH}property`).map((t) => c.shape(t)) }] }),
  [`${SH}and`]: (c, s) => ({ onEach: [{ kind: 'and', shapes: c.objects(s, `${SH}and`).flatMap((h) => c.list(h)).map((t) => c.shape(t)) }] }),
  [`${SH}or`]: (c, s) => ({ onEach: [{ kind: 'or', shapes: c.objects(s, `${SH}or`).flatMap((h) => c.list(h)).map((t) => c.shape(t)) }] }),
  [`${SH}xone`]: (c, s) => ({ onEach: [{ kind: 'xone', shapes: c.objects(s, `${SH}xone`).flatMap((h) => c.list(h)).map((t) => c.shape(t)) }] }),
  [`${SH}not`]: (c, s) => ({ onEach: [{ kind: 'not', shape: c.shape(c.single(s, `${SH}not`)) }] }),
};

/** A term as a string, as the compiled validator keys its term table: kind letter, then value. */
export function termKey(t: Term): string {
  if (t.termType === 'NamedNode') return `I${t.value}`;
  if (t.termType === 'BlankNode') return `B${t.value}`;
  if (t.termType === 'Literal') return `L${t.value}\u0001${t.language}\u0001${t.language ? '' : t.datatype.value}`;
  return `${t.termType}:${t.value}`;
}

/** The shapes as plain data, or UnsupportedShapes (thrown) naming the first feature it lacks. */
export function compileShapes(shapes: Store): CompiledShapes {
  const objects = (subject: Term, predicate: string): Term[] => shapes.getObjects(subject as never, namedNode(predicate), null);
  const all: CompiledShape[] = [];
  const byTerm = new Map<string, CompiledShape>();
  const compiling = new Set<string>();
  const compiler: Compiler = {
    shapes,
    objects,
    single(subject, predicate) {
      const values = objects(subject, predicate);
      // shacl-engine reads such a parameter as one term; with two it reads nothing
      if (values.length !== 1) throw new UnsupportedShapes(subject.value, `${values.length} values of ${predicate}`);
      return values[0]!;
    },
    list(head) {
      const out: Term[] = [];
      for (let node = head, n = 0; node.value !== rdf.nil; n++) {
        const first = objects(node, rdf.first);
        const rest = objects(node, rdf.rest);
        if (first.length !== 1 || rest.length !== 1 || n > 100_000) throw new UnsupportedShapes(head.value, 'a malformed RDF list');
        out.push(first[0]!);
        node = rest[0]!;
      }
      return out;
    },
    classClosure(terms) {
      const out = new Set<string>();
      const stack = [...terms];
      while (stack.length) {
        const t = stack.pop()!;
        if (out.has(termKey(t))) continue;
        out.add(termKey(t));
        for (const q of shapes.getQuads(null, namedNode(rdfs.subClassOf), t as never, null)) stack.push(q.subject);
      }
      return out;
    },
    shape(term) {
      const key = termKey(term);
      const known = byTerm.get(key);
      if (known) return known;
      // shacl-engine stops a recursion by remembering what it validated; we do not imitate that
      if (compiling.has(key)) throw new UnsupportedShapes(term.value, 'a recursive shape');
      compiling.add(key);
      const compiled = compileOne(compiler, term, all.length);
      compiling.delete(key);
      all.push(compiled);
      byTerm.set(key, compiled);
      return compiled;
    },
  };
  const roots: CompiledShapes['roots'] = [];
  const rootTerms = new Map<string, Term>();
  for (const p of [sh.targetClass, sh.targetNode, sh.targetObjectsOf, sh.targetSubjectsOf, sh.target]) for (const q of shapes.getQuads(null, namedNode(p), null, null)) rootTerms.set(termKey(q.subject), q.subject);
  for (const type of [sh.NodeShape, `${SH}PropertyShape`]) for (const q of shapes.getQuads(null, namedNode(rdf.type), namedNode(type), null)) rootTerms.set(termKey(q.subject), q.subject);
  for (const term of rootTerms.values()) {
    if (objects(term, sh.target).length) throw new UnsupportedShapes(term.value, 'sh:target');
    const implicit = shapes.countQuads(term as never, namedNode(rdf.type), namedNode(sh.NodeShape), null) > 0 ? [term] : [];
    roots.push({
      shape: compiler.shape(term),
      targetClasses: compiler.classClosure([...implicit, ...objects(term, sh.targetClass)]),
      targetNodes: objects(term, sh.targetNode),
      targetSubjectsOf: objects(term, sh.targetSubjectsOf).map((t) => t.value),
      targetObjectsOf: objects(term, sh.targetObjectsOf).map((t) => t.value),
    });
  }
  const componentMessages = new Map<string, string[]>();
  for (const q of shapes.getQuads(null, namedNode(`${SH}message`), null, null)) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.endsWith('ConstraintComponent')) continue;
    componentMessages.set(q.subject.value, [...(componentMessages.get(q.subject.value) ?? []), q.object.value]);
  }
  return { roots, all, componentMessages };
}

function compileOne(c: Compiler, term: Term, index: number): CompiledShape {
  const paths = c.objects(term, sh.path);
  if (paths.length > 1) throw new UnsupportedShapes(term.value, 'several sh:path values');
  const path = paths[0];
  if (path && path.termType !== 'NamedNode') throw new UnsupportedShapes(term.value, 'a path other than one predicate');
  const severity = c.objects(term, `${SH}severity`);
  const shape: CompiledShape = {
    index,
    term,
    ...(path ? { path: path.value } : {}),
    severity: severity.length === 1 ? severity[0]!.value : sh.Violation,
    messages: c.objects(term, `${SH}message`).map((m) => m.value),
    onValues: [],
    onEach: [],
    onNode: [],
  };
  if (severity.length > 1) throw new UnsupportedShapes(term.value, 'several sh:severity values');
  const deactivated = c.objects(term, `${SH}deactivated`)[0];
  // shacl-engine compiles a deactivated shape to no validations at all
  if (deactivated && deactivated.termType === 'Literal' && deactivated.value === 'true') return shape;
  const predicates = new Set(c.shapes.getQuads(term as never, null, null, null).map((q) => q.predicate.value));
  for (const p of predicates) {
    if (UNSUPPORTED.includes(p)) throw new UnsupportedShapes(term.value, p.replace(SH, 'sh:'));
    const compile = PARAMETERS[p];
    if (!compile) continue; // not a constraint (sh:path, sh:message, sh:name, rdfs:comment...)
    const parts = compile(c, term);
    shape.onValues.push(...(parts.onValues ?? []));
    shape.onEach.push(...(parts.onEach ?? []));
    shape.onNode.push(...(parts.onNode ?? []));
  }
  return shape;
}
