/**
 * The quad index as a Comunica query source that takes whole groups of triple patterns.
 *
 * Given an RDF/JS source, Comunica asks it one pattern at a time and joins the streams itself:
 * every intermediate solution is an immutable map, every join a hash table of them, several
 * microseconds a row. A source's selector shape says which operations it can answer; this one
 * accepts joins of patterns (and BGPs) and OPTIONALs over them, so Comunica's source grouping
 * hands it each such group whole, and bgp.ts solves it over term ids (single patterns too, so that
 * the union default graph is one set of triples everywhere). Everything else (UNION, FILTER,
 * BIND, ORDER BY, aggregates, an OPTIONAL with a FILTER) stays with Comunica; quad requests go
 * to Comunica's own RDF/JS source.
 *
 * Comunica's classes come in as a parameter (engine.ts loads them): this module imports none.
 */
import type { Quad, Term, Variable } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { ArrayIterator } from 'asynciterator';
import type { QuadIndex } from './quad-index.js';
import { isWellDesigned, NO_TERM, requiredVariables, solve, UNBOUND, type IdNode, type IdPattern, type Slot } from './bgp.js';
import type { Comunica } from './comunica-load.js';

/** The parts of Comunica's algebra read here. */
interface PatternOperation { type: 'pattern'; subject: Term; predicate: Term; object: Term; graph: Term }
interface Operation { type: string; input?: Operation | Operation[]; patterns?: PatternOperation[]; expression?: unknown }

/** The operation types the index takes (bgp.ts), as long as the whole tree is made of them. */
const ACCEPTED = ['join', 'bgp', 'leftjoin'] as const;

/** Numbers variables and looks up constants while an operation becomes an IdNode. */
class Translation {
  readonly variables: Variable[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly index: QuadIndex, private readonly unionDefaultGraph: boolean) {}

  /** The tree over ids; undefined for an operation the index does not take. */
  node(operation: Operation): IdNode | undefined {
    switch (operation.type) {
      case 'pattern': return { kind: 'patterns', patterns: [this.pattern(operation as unknown as PatternOperation)] };
      case 'bgp': return { kind: 'patterns', patterns: (operation.patterns ?? []).map((p) => this.pattern(p)) };
      case 'join': {
        const inputs: IdNode[] = [];
        for (const input of operation.input as Operation[]) {
          const node = this.node(input);
          if (!node) return undefined;
          inputs.push(node);
        }
        // the patterns of a join are one group, ordered by selectivity; the rest follow
        const patterns = inputs.flatMap((n) => (n.kind === 'patterns' ? n.patterns : []));
        const others = inputs.filter((n) => n.kind !== 'patterns');
        return others.length ? { kind: 'join', inputs: [{ kind: 'patterns', patterns }, ...others] } : { kind: 'patterns', patterns };
      }
      case 'leftjoin': {
        if (operation.expression) return undefined;
        const [left, right] = (operation.input as Operation[]).map((input) => this.node(input));
        return left && right ? { kind: 'leftjoin', left, right } : undefined;
      }
      default: return undefined;
    }
  }

  private pattern(pattern: PatternOperation): IdPattern {
    const slots: Slot[] = [];
    for (const term of [pattern.subject, pattern.predicate, pattern.object, pattern.graph]) {
      if (term.termType === 'Variable') {
        let n = this.numbers.get(term.value);
        if (n === undefined) this.numbers.set(term.value, (n = this.variables.push(term) - 1));
        slots.push({ variable: n });
      } else if (term.termType === 'DefaultGraph' && this.unionDefaultGraph) {
        slots.push('any');
      } else {
        // a constant the index does not hold (or cannot: a quoted triple) matches nothing
        slots.push({ id: this.index.idOf(term as never) ?? NO_TERM });
      }
    }
    return slots as unknown as IdPattern;
  }
}

/**
 * Whether the index answers this operation whole: a tree of patterns, joins and OPTIONALs without
 * a FILTER of their own, well designed (bgp.ts). Comunica's source grouping asks this of each
 * operation before it hands it over (comunica-tuning.ts), since a selector shape names types only.
 */
export function indexTakes(operation: Operation): boolean {
  const node = new Translation({ idOf: () => 0 } as unknown as QuadIndex, true).node(operation);
  return !!node && isWellDesigned(node);
}

/** Marks the selector shape of the index's sources, for the check in comunica-tuning.ts. */
export const INDEX_SHAPE = Symbol('dih-ld quad index shape');

/** The source wrapper to put in a Comunica context (`querySources`), for one index and graph mode. */
export function quadIndexQuerySource(index: QuadIndex, comunica: Comunica, unionDefaultGraph: boolean): { source: object; context: object } {
  const { ActionContext, BindingsFactory, MetadataValidationState, QuerySourceRdfJs } = comunica;
  const bindingsFactory = new BindingsFactory(DataFactory as never, {});
  const patternSource = new QuerySourceRdfJs(index as never, DataFactory as never, bindingsFactory);
  const selectorShape = (async () => ({
    type: 'disjunction',
    children: [await patternSource.getSelectorShape(), ...ACCEPTED.map((type) => ({ type: 'operation', operation: { operationType: 'type', type } }))],
    [INDEX_SHAPE]: true,
  }))();
  const source = {
    referenceValue: index,
    getFilterFactor: async (): Promise<number> => 0,
    getSelectorShape: () => selectorShape,
    queryBindings(operation: Operation, context: unknown, options?: unknown) {
      const translation = new Translation(index, unionDefaultGraph);
      const node = options ? undefined : translation.node(operation);
      // bindings pushed down (which our shape does not offer), or an operation we do not take: Comunica's own source
      if (!node) return patternSource.queryBindings(operation as never, context as never);
      const { variables } = translation;
      const rows: unknown[] = [];
      const { ids, width, rows: count } = solve(index, node, variables.length);
      for (let r = 0; r < count; r++) {
        const entries: [Variable, Term][] = [];
        for (let v = 0; v < width; v++) {
          const id = ids[r * width + v]!;
          if (id !== UNBOUND) entries.push([variables[v]!, index.term(id)]);
        }
        rows.push(bindingsFactory.bindings(entries as never));
      }
      const required = requiredVariables(node);
      const stream = new ArrayIterator(rows, { autoStart: false });
      stream.setProperty('metadata', {
        state: new MetadataValidationState(),
        cardinality: { type: 'exact', value: rows.length },
        // local data: nothing to save by binding (see preferHashOptionalOverLocalSources, comunica-tuning.ts)
        requestTime: 0,
        variables: variables.map((variable, n) => ({ variable, canBeUndef: !required.has(n) })),
      });
      return stream;
    },
    queryQuads: (operation: unknown, context: unknown) => patternSource.queryQuads(operation as never, context as never) as unknown as ArrayIterator<Quad>,
    queryBoolean: (operation: unknown, context: unknown) => patternSource.queryBoolean(operation as never, context as never),
    queryVoid: (operation: unknown, context: unknown) => patternSource.queryVoid(operation as never, context as never),
    toString: () => `QuadIndexSource(${index.size} quads)`,
  };
  return { source, context: new ActionContext() };
}
