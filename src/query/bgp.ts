/**
 * Groups of triple patterns, and OPTIONALs over them, solved over the quad index's term ids.
 * Comunica hands such groups to the index whole (bgp-source.ts) instead of joining pattern streams
 * itself, where each binding is an immutable map and each join a hash table of them; here a
 * solution is a row of integers until the end.
 *
 * Joins are index nested loops, patterns taken most selective first. An OPTIONAL extends each row
 * of its left side with the matches of its right side for that row (the row kept as it is when
 * there is none), which is its meaning only when the pattern is well designed (the right side
 * shares no variable with the rest that its left side lacks): `isWellDesigned` checks that, and
 * bgp-source.ts takes only what passes.
 *
 * The union default graph is the RDF merge of the named graphs, a set of triples: a triple held
 * in several graphs (a hub's facts are in its record's graph and in the merged graph) matches
 * once, as in Jena's union default graph and Amazon Neptune. Comunica over an RDF/JS source, and
 * Oxigraph's use_default_graph_as_union, match it once per graph, so that duplicates multiply
 * with each pattern (330,000 solutions for 20,000 distinct ones in hubs-by-status at 10,000 hubs).
 * Results come in no particular order.
 */
import type { QuadIndex } from './quad-index.js';

/** A position of a pattern: a term id, a variable (its column in the solutions), or any term ('any': the union default graph). */
export type Slot = { id: number } | { variable: number } | 'any';

/** A quad pattern over ids: subject, predicate, object, graph. */
export type IdPattern = readonly [Slot, Slot, Slot, Slot];

/** What the index evaluates: a group of patterns, a join of groups, an OPTIONAL. */
export type IdNode =
  | { kind: 'patterns'; patterns: IdPattern[] }
  | { kind: 'join'; inputs: IdNode[] }
  | { kind: 'leftjoin'; left: IdNode; right: IdNode };

/** Solutions: `width` ids per row (one per variable, -1 where unbound), rows one after the other. */
export interface Solutions { width: number; rows: number; ids: Int32Array }

export const UNBOUND = -1;
/** The id of a constant the index does not hold: above every real id, so its range is empty. */
export const NO_TERM = 0x7fffffff;

/** The variables of a node's patterns. */
export function variablesOf(node: IdNode, out = new Set<number>()): Set<number> {
  if (node.kind === 'patterns') {
    for (const pattern of node.patterns) for (const slot of pattern) if (typeof slot === 'object' && 'variable' in slot) out.add(slot.variable);
  } else if (node.kind === 'join') {
    for (const input of node.inputs) variablesOf(input, out);
  } else {
    variablesOf(node.left, out);
    variablesOf(node.right, out);
  }
  return out;
}

/** The variables bound in every solution: those outside the right side of any OPTIONAL. */
export function requiredVariables(node: IdNode, out = new Set<number>()): Set<number> {
  if (node.kind === 'patterns') return variablesOf(node, out);
  if (node.kind === 'join') for (const input of node.inputs) requiredVariables(input, out);
  else requiredVariables(node.left, out);
  return out;
}

/**
 * Whether each OPTIONAL's right side shares with the rest of the tree only variables its left
 * side has too (Pérez et al.'s well-designed patterns), so that evaluating it row by row, with the
 * row's values in place, gives what evaluating it alone and joining would.
 */
export function isWellDesigned(root: IdNode): boolean {
  const count = (node: IdNode, into: Map<number, number>): void => {
    if (node.kind === 'patterns') {
      for (const pattern of node.patterns) for (const slot of pattern) if (typeof slot === 'object' && 'variable' in slot) into.set(slot.variable, (into.get(slot.variable) ?? 0) + 1);
    } else if (node.kind === 'join') node.inputs.forEach((n) => count(n, into));
    else {
      count(node.left, into);
      count(node.right, into);
    }
  };
  const all = new Map<number, number>();
  count(root, all);
  const check = (node: IdNode): boolean => {
    if (node.kind === 'patterns') return true;
    if (node.kind === 'join') return node.inputs.every(check);
    const inside = new Map<number, number>();
    count(node, inside);
    const left = variablesOf(node.left);
    for (const v of variablesOf(node.right)) if ((all.get(v) ?? 0) > (inside.get(v) ?? 0) && !left.has(v)) return false;
    return check(node.left) && check(node.right);
  };
  return check(root);
}

class Rows {
  ids: Int32Array;
  rows = 0;
  constructor(readonly width: number, capacity = 64) {
    this.ids = new Int32Array(Math.max(capacity * width, 1));
  }

  /** Appends a copy of row `r` of `from`, returning where it starts. */
  push(from: Int32Array, at: number): number {
    const start = this.rows * this.width;
    if (start + this.width > this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids.set(from.subarray(at, at + this.width), start);
    this.rows++;
    return start;
  }
}

/**
 * The next pattern to join: one that shares a variable bound so far when there is one (no cross
 * products), and among those the one whose constants select the fewest quads.
 */
function nextPattern(index: QuadIndex, patterns: readonly IdPattern[], done: boolean[], known: Set<number>): number {
  let best = -1, bestConnected = false, bestEstimate = Infinity;
  const constants = new Int32Array(4);
  patterns.forEach((pattern, k) => {
    if (done[k]) return;
    let connected = false;
    for (let p = 0; p < 4; p++) {
      const slot = pattern[p]!;
      constants[p] = typeof slot === 'object' && 'id' in slot ? slot.id : UNBOUND;
      if (typeof slot === 'object' && 'variable' in slot && known.has(slot.variable)) connected = true;
    }
    const estimate = index.estimateMatches(constants);
    if ((connected && !bestConnected) || (connected === bestConnected && estimate < bestEstimate)) [best, bestConnected, bestEstimate] = [k, connected, estimate];
  });
  return best;
}

/** Each row extended by the pattern's matches for its values (rows with none are dropped). */
function extend(index: QuadIndex, input: Rows, pattern: IdPattern): Rows {
  const out = new Rows(input.width, input.rows);
  const bound = new Int32Array(4);
  const unionGraph = pattern[3] === 'any';
  const free: [number, number][] = [];
  for (let r = 0; r < input.rows; r++) {
    const at = r * input.width;
    free.length = 0;
    for (let p = 0; p < 4; p++) {
      const slot = pattern[p]!;
      if (slot === 'any') bound[p] = UNBOUND;
      else if ('id' in slot) bound[p] = slot.id;
      else if ((bound[p] = input.ids[at + slot.variable]!) === UNBOUND) free.push([p, slot.variable]);
    }
    index.forEachMatch(bound, (q) => {
      const start = out.push(input.ids, at);
      for (const [p, variable] of free) {
        const id = index.idAt(q, p);
        const already = out.ids[start + variable]!;
        // the same variable twice in one pattern must match the same term
        if (already !== UNBOUND && already !== id) return void out.rows--;
        out.ids[start + variable] = id;
      }
    }, unionGraph);
  }
  return out;
}

/**
 * The order in which a group's patterns are joined, chosen once per solve: an OPTIONAL's right
 * side is evaluated for every row of its left side, always with the same variables bound.
 */
type Plans = Map<IdNode, IdPattern[]>;

function planOf(index: QuadIndex, node: IdNode & { kind: 'patterns' }, known: Set<number>, plans: Plans): IdPattern[] {
  let plan = plans.get(node);
  if (!plan) {
    const done = node.patterns.map(() => false);
    const bound = new Set(known);
    plan = [];
    for (let step = 0; step < node.patterns.length; step++) {
      const k = nextPattern(index, node.patterns, done, bound);
      done[k] = true;
      plan.push(node.patterns[k]!);
      variablesOf({ kind: 'patterns', patterns: [node.patterns[k]!] }, bound);
    }
    plans.set(node, plan);
  }
  return plan;
}

function evaluate(index: QuadIndex, node: IdNode, input: Rows, known: Set<number>, plans: Plans): Rows {
  if (node.kind === 'patterns') {
    let rows = input;
    for (const pattern of planOf(index, node, known, plans)) if (rows.rows > 0) rows = extend(index, rows, pattern);
    variablesOf(node, known);
    return rows;
  }
  if (node.kind === 'join') {
    let rows = input;
    for (const child of node.inputs) if (rows.rows > 0) rows = evaluate(index, child, rows, known, plans);
    return rows;
  }
  const left = evaluate(index, node.left, input, known, plans);
  const out = new Rows(input.width, left.rows);
  const one = new Rows(input.width, 1);
  // the right side sees the left side's variables bound (the same for every row)
  const rightKnown = new Set(known);
  for (let r = 0; r < left.rows; r++) {
    one.rows = 0;
    one.push(left.ids, r * input.width);
    const matched = evaluate(index, node.right, one, rightKnown, plans);
    if (matched.rows === 0) out.push(left.ids, r * input.width);
    else for (let m = 0; m < matched.rows; m++) out.push(matched.ids, m * input.width);
  }
  variablesOf(node.right, known);
  return out;
}

/** The solutions of a tree whose variables are numbered 0 to width - 1. */
export function solve(index: QuadIndex, node: IdNode, width: number): Solutions {
  const start = new Rows(width, 1);
  start.push(new Int32Array(Math.max(width, 1)).fill(UNBOUND), 0);
  const result = evaluate(index, node, start, new Set(), new Map());
  return { width, rows: result.rows, ids: result.ids.subarray(0, result.rows * width) };
}
