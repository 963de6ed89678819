// Minimal typings for the parts of shacl-engine we use (the package ships none).
declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory, Term } from '@rdfjs/types';

  export interface ShaclPointer { term: Term; terms: Term[] }
  export interface ShaclPathStep { quantifier: string; start: string; end: string; predicates: Term[] }
  export interface ShaclResult {
    focusNode: ShaclPointer;
    path?: ShaclPathStep[] | null;
    value?: ShaclPointer | null;
    severity: Term;
    message: Term[];
    constraintComponent: Term;
    shape: { ptr: ShaclPointer };
  }
  export interface ShaclReport { conforms: boolean; results: ShaclResult[] }
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset(): DatasetCore }; debug?: boolean; details?: boolean });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms?: Iterable<Term> }): Promise<ShaclReport>;
  }
}

// shacl-engine's comparison of literals (sh:minInclusive and the like), reused by our compiled validator.
declare module 'shacl-engine/lib/compareTerms.js' {
  import type { Term } from '@rdfjs/types';
  export default function compareTerms(a: Term | undefined, b: Term | undefined): number | null;
}

// The lexical checks shacl-engine applies with sh:datatype.
declare module 'rdf-validation' {
  import type { Term } from '@rdfjs/types';
  export class XsdValidation {
    validateSimple(term: Term): boolean;
  }
}
