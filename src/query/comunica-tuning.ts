/**
 * Comunica's choices that dih-ld changes, each by wrapping one method of one actor's prototype
 * (Comunica has no per-engine switch for them), installed once per process by engine.ts. The
 * Comunica classes come in as parameters: this module imports none.
 */
import type { Comunica } from './comunica-load.js';
import { indexTakes, INDEX_SHAPE } from './bgp-source.js';

interface JoinMetadata { requestTime?: number; operationRequired?: unknown }
type JoinCoefficients = (this: unknown, action: { entries: { operationRequired?: unknown }[] }, sideData: { metadatas: JoinMetadata[] }) => Promise<unknown>;

/**
 * Comunica costs an OPTIONAL's physical joins by estimated iterations and request times. Over an
 * in-memory store the request times are zero, so its bind join (one sub-query per left-hand row)
 * always looks cheapest, but each sub-query costs ~0.3 ms of engine overhead: hubs-by-status on
 * the registries graph takes 3.5 s that way and 0.5 s with the hash join. So the bind join
 * declines when no side has a request time (local data); for remote sources (SERVICE), where
 * binding saves round trips, Comunica's choice stands. Comunica has no per-engine switch for
 * this, hence the wrapped method, installed once per process.
 */
export function preferHashOptionalOverLocalSources({ ActorRdfJoinOptionalBind, failTest }: Comunica): void {
  const proto = ActorRdfJoinOptionalBind.prototype as unknown as { getJoinCoefficients: JoinCoefficients; dihLocalHash?: true };
  if (proto.dihLocalHash) return;
  const costOf = proto.getJoinCoefficients;
  proto.getJoinCoefficients = async function (action, sideData) {
    // An OPTIONAL with a FILTER of its own marks its right side required, which only the bind
    // join can evaluate: then it stays, or the query would have no join at all.
    const filtered = action.entries.some((entry, i) => entry.operationRequired ?? sideData.metadatas[i]?.operationRequired);
    if (!filtered && sideData.metadatas.every((m) => !m.requestTime)) return failTest('local sources: the hash optional join is cheaper than one sub-query per row');
    return costOf.call(this, action, sideData);
  };
  proto.dihLocalHash = true;
}

interface ScopedOperation { type: string; metadata?: { scopedSource?: unknown }; input?: ScopedOperation | ScopedOperation[]; patterns?: ScopedOperation[]; subject?: { termType: string; value: string }; predicate?: { termType: string; value: string }; object?: { termType: string; value: string }; graph?: { termType: string; value: string } }
type Clusterer = (this: unknown, operations: ScopedOperation[]) => ScopedOperation[][];
type Grouper = (this: unknown, operation: ScopedOperation, context: unknown) => Promise<ScopedOperation>;
type Hoister = (this: unknown, operation: ScopedOperation, shape: Record<symbol, unknown>, context: unknown) => boolean;

/** The variables of the triple patterns in an operation. */
function patternVariables(operation: ScopedOperation, out = new Set<string>()): Set<string> {
  for (const term of [operation.subject, operation.predicate, operation.object, operation.graph]) if (term?.termType === 'Variable') out.add(term.value);
  const inputs = operation.input ? (Array.isArray(operation.input) ? operation.input : [operation.input]) : operation.patterns ?? [];
  for (const input of inputs) patternVariables(input, out);
  return out;
}

/** Operations in groups that share variables, transitively (connected components). */
function connectedGroups(operations: ScopedOperation[]): ScopedOperation[][] {
  const variables = operations.map((o) => patternVariables(o));
  const group = operations.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  const owner = new Map<string, number>();
  variables.forEach((vars, i) => {
    for (const v of vars) {
      const j = owner.get(v);
      if (j === undefined) owner.set(v, i);
      else group[root(i)] = root(j);
    }
  });
  const groups = new Map<number, ScopedOperation[]>();
  operations.forEach((o, i) => {
    const r = root(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(o);
  });
  return [...groups.values()];
}

/**
 * Comunica hands the operations of a join that have the same source to that source as one join,
 * whether or not they share a variable. For the quad index, which takes joins of patterns
 * (bgp-source.ts), `{ ?hub a :Hub . { ... } UNION { ... } ?m :member ?holder }` would then become
 * the cross product of hubs and memberships, joined with the UNION only afterwards. So a source's
 * cluster is split into groups connected by their variables; Comunica joins the groups.
 */
export function groupOnlyConnectedOperations({ ActorOptimizeQueryOperationGroupSources }: Comunica): void {
  const proto = ActorOptimizeQueryOperationGroupSources.prototype as unknown as { clusterOperationsWithEqualSources: Clusterer; isPossibleToMoveSourceAnnotationUpwards: Hoister; groupOperation: Grouper; dihConnected?: true };
  if (proto.dihConnected) return;
  const cluster = proto.clusterOperationsWithEqualSources;
  proto.clusterOperationsWithEqualSources = function (operations) {
    return cluster.call(this, operations).flatMap((ops) => (ops[0]?.metadata?.scopedSource ? connectedGroups(ops) : [ops]));
  };
  // The right side of an OPTIONAL with a FILTER of its own never becomes one operation of a
  // source: Comunica's bind join, the only join for it, puts each left row's values into that
  // side and then finds its patterns without their source ("none of the configured actors were
  // able to handle the operation type pattern"). It stays patterns, each with its source.
  const group = proto.groupOperation;
  proto.groupOperation = async function (operation, context) {
    if (operation.type === 'leftjoin' && (operation as { expression?: unknown }).expression && Array.isArray(operation.input)) {
      const [left, right] = operation.input;
      // the left side through this same method: it can be such an OPTIONAL too
      return { ...operation, input: [await (this as typeof proto).groupOperation(left!, context), right!] };
    }
    return group.call(this, operation, context);
  };
  // A selector shape names operation types only: the index also needs each OPTIONAL without a
  // FILTER of its own, and well designed (bgp-source.ts).
  const hoistable = proto.isPossibleToMoveSourceAnnotationUpwards;
  proto.isPossibleToMoveSourceAnnotationUpwards = function (operation, shape, context) {
    if (shape[INDEX_SHAPE] && !indexTakes(operation as never)) return false;
    return hoistable.call(this, operation, shape, context);
  };
  proto.dihConnected = true;
}

