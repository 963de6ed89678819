/**
 * Validation in chunks. Our shapes look at a focus node and a few hops of its out-going edges
 * (a hub's sector concept and that concept's scheme), so a chunk of subjects can be validated
 * against a small dataset: their own triples plus the descriptions of every node they reach within
 * the shapes' reach. Small stores are much faster for shacl-engine than one big one, and chunks
 * can run on several cores. Shapes whose reach is unbounded or that need in-coming edges (inverse
 * or recursive paths, targets other than classes) get one chunk: the whole graph.
 */
import { DataFactory, type Quad, type Store, type Term } from 'n3';
import { rdf, sh } from '../vocab/namespaces.js';

const { namedNode } = DataFactory;

/** Shape features that make a focus node's result depend on more than its out-going neighbourhood. */
const GLOBAL_TARGETS = [sh.targetNode, sh.targetObjectsOf, sh.targetSubjectsOf, sh.target];
const UNBOUNDED_PATHS = [sh.inversePath, sh.zeroOrMorePath, sh.oneOrMorePath, sh.zeroOrOnePath];
/** Constraints whose value is another shape, checked on each value node. */
const NESTED_ONE = [sh.node, sh.qualifiedValueShape, sh.not, sh.property];
const NESTED_LIST = [sh.and, sh.or, sh.xone];

/**
 * How many hops of out-going edges the validation of a focus node reads, or Infinity when it is
 * not bounded that way (then the data is validated whole).
 */
export function shapesReach(shapes: Store): number {
  const objects = (s: Term, p: string) => shapes.getObjects(s, namedNode(p), null);
  if (GLOBAL_TARGETS.some((p) => shapes.countQuads(null, namedNode(p), null, null) > 0)) return Infinity;
  if (shapes.countQuads(null, namedNode(sh.sparql), null, null) > 0) return Infinity;
  const list = (head: Term): Term[] => {
    const out: Term[] = [];
    for (let node = head, n = 0; node.value !== rdf.nil && n < 1000; n++) {
      const first = objects(node, rdf.first)[0];
      if (!first) break;
      out.push(first);
      const rest = objects(node, rdf.rest)[0];
      if (!rest) break;
      node = rest;
    }
    return out;
  };
  const pathLength = (path: Term): number => {
    if (path.termType === 'NamedNode') return 1;
    if (UNBOUNDED_PATHS.some((p) => objects(path, p).length)) return Infinity;
    const alternatives = objects(path, sh.alternativePath)[0];
    if (alternatives) return Math.max(...list(alternatives).map(pathLength));
    return list(path).reduce((sum, step) => sum + pathLength(step), 0);
  };
  const onStack = new Set<string>();
  const reach = (shape: Term): number => {
    if (onStack.has(shape.value)) return Infinity; // recursive shapes: no bound
    onStack.add(shape.value);
    const path = objects(shape, sh.path)[0];
    const here = path ? pathLength(path) : 0;
    let nested = objects(shape, sh.class).length ? 1 : 0; // rdfs:subClassOf of the value's class
    for (const p of NESTED_ONE) for (const inner of objects(shape, p)) nested = Math.max(nested, reach(inner));
    for (const p of NESTED_LIST) for (const head of objects(shape, p)) for (const inner of list(head)) nested = Math.max(nested, reach(inner));
    onStack.delete(shape.value);
    return here + nested;
  };
  const roots = new Map<string, Term>();
  for (const p of [sh.targetClass, sh.property, sh.path]) for (const q of shapes.getQuads(null, namedNode(p), null, null)) roots.set(q.subject.value, q.subject);
  for (const q of shapes.getQuads(null, namedNode(rdf.type), namedNode(sh.NodeShape), null)) roots.set(q.subject.value, q.subject);
  let max = 0;
  for (const shape of roots.values()) max = Math.max(max, reach(shape));
  return max;
}

export interface ValidationChunk {
  /** Subjects whose results this chunk reports (each subject is in exactly one chunk); undefined: the whole graph, every result. */
  subjects: Set<string> | undefined;
  /** Their triples and the descriptions of the nodes they reach within the shapes' reach. */
  triples: Quad[];
}

/**
 * Chunks of about `size` triples of own subjects. Triples are the union graph (graph names
 * dropped, duplicates removed by the caller's store).
 */
export function validationChunks(data: readonly Quad[], reach: number, size = 20_000, targetClasses: ReadonlySet<string> = new Set()): ValidationChunk[] {
  // The whole graph: its results include focus nodes that are no subject (sh:targetNode, sh:targetObjectsOf).
  if (!Number.isFinite(reach)) return [{ subjects: undefined, triples: [...data] }];
  const bySubject = new Map<string, Quad[]>();
  for (const q of data) {
    let list = bySubject.get(q.subject.value);
    if (!list) bySubject.set(q.subject.value, (list = []));
    list.push(q);
  }
  const chunks: ValidationChunk[] = [];
  let subjects = new Set<string>();
  let own = 0;
  const close = () => {
    if (!subjects.size) return;
    const included = new Set(subjects);
    let frontier = [...subjects];
    for (let hop = 0; hop < reach && frontier.length; hop++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const q of bySubject.get(s) ?? []) {
          const o = q.object;
          if (o.termType !== 'Literal' && !included.has(o.value) && bySubject.has(o.value)) {
            included.add(o.value);
            next.push(o.value);
          }
        }
      }
      frontier = next;
    }
    const triples: Quad[] = [];
    for (const s of included) {
      if (subjects.has(s)) triples.push(...bySubject.get(s)!);
      // A neighbour is another chunk's focus node: without its target-class type it is not validated twice.
      else for (const q of bySubject.get(s)!) if (!(q.predicate.value === rdf.type && targetClasses.has(q.object.value))) triples.push(q);
    }
    chunks.push({ subjects, triples });
    subjects = new Set();
    own = 0;
  };
  for (const [subject, quads] of bySubject) {
    subjects.add(subject);
    own += quads.length;
    if (own >= size) close();
  }
  close();
  return chunks;
}
