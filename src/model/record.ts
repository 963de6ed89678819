/**
 * The record model every reader produces and the mapper consumes.
 * A HubRecord is what one source says about one hub: the hub itself, the organisations and
 * initiatives it mentions, the relations between them, and where each fact came from.
 */

/** Where a fact was read from: a text span of a document, or a field of a structured record. */
export interface Span {
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count them). */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** The exact text between start and end. */
  exact: string;
  /** Up to 32 characters before the span, to anchor a TextQuoteSelector. */
  prefix?: string;
  /** Up to 32 characters after the span. */
  suffix?: string;
}

/** Provenance of one fact. */
export interface FactProvenance {
  span?: Span;
  /** 0..1; curated facts have none (they are asserted by a person). */
  confidence?: number;
  /** Field of a structured record the value came from (e.g. `Formatted sectors`). */
  field?: string;
}

/** A concept reference: the label as written, and the concept it resolved to (if any). */
export interface ConceptRef {
  /** The label as the source wrote it. */
  label: string;
  /** Concept IRI once resolved against a scheme; absent when no concept matches. */
  iri?: string;
  /** A registry's level for this value (EDIH `Label - N`). */
  level?: number;
  provenance?: FactProvenance;
}

export type EntityKind = 'hub' | 'organisation' | 'initiative';

/** An organisation, hub or initiative mentioned by a record. */
export interface Entity {
  /** Local key, unique within the record; relations refer to entities by it. */
  key: string;
  kind: EntityKind;
  name: string;
  altNames: string[];
  /** Organisation types (cluster, committee, programme, ...). */
  types: ConceptRef[];
  description?: string;
  homepage?: string;
  /** ISO 3166-1 alpha-3 code, upper case. */
  country?: string;
  /** NUTS codes. */
  regions: string[];
  status?: ConceptRef;
  hubType?: ConceptRef;
  sectors: ConceptRef[];
  technologies: ConceptRef[];
  services: ConceptRef[];
  /** Kinds of members an organisation gathers, when the source names none. */
  memberTypes: ConceptRef[];
  /** Sectors of an organisation's members. */
  memberSectors: ConceptRef[];
  /** Country in which the organisation is officially recognised (ISO alpha-3). */
  officiallyRecognisedIn?: string;
  /** Keys of entities this one is part of (a pilot action of an initiative, a committee of a network). */
  partOf: string[];
  /** Keys of initiatives this one contributes to. */
  contributesTo: string[];
  /** Postal address as the source wrote it (registry exports). */
  address?: PostalAddress;
  /** Contact points; those of natural persons are published only with --include-personal-data. */
  contactPoints?: ContactPoint[];
  /** Where the entity's name was read from. */
  provenance?: FactProvenance;
  /** 1-based line of the entity in its source file, for messages. */
  line?: number;
}

/** A postal address, each part as written (registries strip accents: never re-accented). */
export interface PostalAddress {
  full?: string;
  street?: string;
  locality?: string;
  postalCode?: string;
  region?: string;
  country?: string;
}

/** A way to reach an entity. `personal` marks the name, e-mail or phone of a natural person. */
export interface ContactPoint {
  personal: boolean;
  name?: string;
  email?: string;
  phone?: string;
  /** Field of the source the contact came from, for messages. */
  field?: string;
}

/** A role one entity holds towards another: `holder` --role--> `target`. */
export interface Relation {
  holder: string;
  role: ConceptRef;
  target: string;
  /** A region (NUTS code, prefixed `nuts:`) or entity key the holder acts for in this role. */
  onBehalfOf?: string;
  provenance?: FactProvenance;
  /** 1-based line of the relation in its source file, for messages. */
  line?: number;
}

/** Where a record came from. */
export interface RecordSource {
  /** Short name of the source or registry; becomes a path segment of IRIs (`produtech`, `jrc`, `edih`). */
  registry: string;
  /** Identifier of the record within its registry. */
  id: string;
  /** The registry's own identifier to publish as dcterms:identifier (a JRC URN, an EDIH row + name). */
  identifier?: string;
  /** File the record was read from, relative to the build's input root (never an absolute path). */
  file: string;
  /** 1-based line (or spreadsheet row) where the record starts. */
  line?: number;
  /** A document this record transcribes (the catalogue page a curated record was written from). */
  document?: string;
  /** Who published the source (e.g. `DIH4CPS network`). */
  publisher?: string;
  /** Licence or reuse statement of the source. */
  license?: string;
  /** Date the source content was published or retrieved (ISO 8601): used for issued/modified, never the clock. */
  date?: string;
  /** Registry exports: the hub's IRI is minted under the source record ({base}source/{registry}/{id}/hub);
   * the merge stage gives it a canonical {base}hub/{slug}. */
  scopedHub?: boolean;
}

export interface HubRecord {
  source: RecordSource;
  /** Key of the entity (kind `hub`) this record is about. */
  hub: string;
  entities: Entity[];
  relations: Relation[];
  /** Text of the document facts were extracted from, kept for span checks; not published. */
  text?: string;
  /** While reading: the source field of the hub's description, still to be read for facts (sources/enrich.ts). */
  describedIn?: string;
}

/** An empty entity with all list fields present, so readers fill only what they know. */
/** Key of the hub itself in facts extracted from a description (other entities get their own keys). */
export const HUB_KEY = 'hub';

export function newEntity(key: string, kind: EntityKind, name: string): Entity {
  return {
    key, kind, name, altNames: [], types: [], regions: [], sectors: [], technologies: [], services: [],
    memberTypes: [], memberSectors: [], partOf: [], contributesTo: [],
  };
}
