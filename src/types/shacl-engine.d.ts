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
