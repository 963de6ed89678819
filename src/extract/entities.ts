/**
 * The entities an extraction finds, with their aliases, so later sentences can refer to them by a
 * short name ("PRODUTECH"), a longer one ("Partnership Portugal Clusters") or a definite
 * description ("the cluster"). Keys are slugs of the first name seen, so they are stable.
 */
import { newEntity, type ConceptRef, type Entity, type EntityKind } from '../model/record.js';
import { slugify } from '../map/iri.js';
import { makeSpan, type Range } from './span.js';

export interface Mention extends Range {
  key: string;
}

const HUB_NAME = /\b(?:hub|dih|edih|digital innovation hub)s?$/i;
const INITIATIVE_TYPES = new Set(['programme', 'project', 'pilot-action', 'strategy', 'platform', 'initiative']);

/** Concept slug of an organisation-type IRI (`.../organisation-type/pilot-action` -> `pilot-action`). */
export const typeSlug = (iri: string): string => iri.slice(iri.lastIndexOf('/') + 1);

export class EntityTable {
  readonly entities = new Map<string, Entity>();
  private readonly aliases = new Map<string, string>();
  /** Aliases longest first, rebuilt when one is added. */
  private sorted: [string, string][] | undefined;

  constructor(private readonly text: string) {}

  get(key: string): Entity | undefined {
    return this.entities.get(key);
  }

  /** The entity already known under this name (or a name it ends with), if any. */
  find(name: string): string | undefined {
    const lower = name.toLowerCase();
    const direct = this.aliases.get(lower);
    if (direct) return direct;
    // "Partnership Portugal Clusters" is "PORTUGAL Clusters"; "Coordination committee of PORTUGAL Clusters" is not
    for (const [alias, key] of this.aliases) {
      if (!alias.includes(' ') || !lower.endsWith(` ${alias}`)) continue;
      const prefix = lower.slice(0, -alias.length).trim();
      if (!/\b(?:of|for|and|de|des|du|di|der)$/.test(prefix) && prefix.split(/\s+/).length <= 2) return key;
    }
    return undefined;
  }

  /** Adds (or finds) an entity for a name read at `range`; the name's own parts become aliases. */
  add(name: string, range: Range, kind: EntityKind, confidence: number): string {
    const clean = name.replace(/\s+/g, ' ').trim();
    const known = this.find(clean);
    if (known) {
      this.addAltName(known, clean);
      return known;
    }
    let key = slugify(clean);
    while (this.entities.has(key)) key += '-x';
    const e = newEntity(key, kind === 'organisation' && HUB_NAME.test(clean) ? 'hub' : kind, clean);
    e.provenance = { span: makeSpan(this.text, range.start, range.end), confidence };
    this.entities.set(key, e);
    this.alias(clean, key);
    // "PRODUTECH – Production Technologies Cluster": both parts name the organisation
    const parts = clean.split(/\s+[–—-]\s+/);
    if (parts.length === 2) for (const part of parts) this.addAltName(key, part);
    return key;
  }

  /** Takes an entity built elsewhere (the described hub), with its names as aliases. */
  adopt(e: Entity): void {
    this.entities.set(e.key, e);
    for (const n of [e.name, ...e.altNames]) this.alias(n.replace(/\s+/g, ' ').trim(), e.key);
  }

  addAltName(key: string, name: string): void {
    const e = this.entities.get(key);
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!e || !clean || clean === e.name) return;
    if (!e.altNames.includes(clean)) e.altNames.push(clean);
    this.alias(clean, key);
  }

  private alias(name: string, key: string): void {
    const lower = name.toLowerCase();
    if (lower.length >= 2 && !this.aliases.has(lower)) {
      this.aliases.set(lower, key);
      this.sorted = undefined;
    }
  }

  /** Mentions of known entities in text[range], longest alias first, not overlapping. */
  mentions(range: Range): Mention[] {
    const part = this.text.slice(range.start, range.end);
    const lowerPart = part.toLowerCase();
    const found: Mention[] = [];
    const aliases = (this.sorted ??= [...this.aliases.entries()].sort((a, b) => b[0].length - a[0].length));
    for (const [alias, key] of aliases) {
      const caseSensitive = !alias.includes(' ');
      const e = this.entities.get(key) as Entity;
      const written = caseSensitive ? [e.name, ...e.altNames].find((n) => n.toLowerCase() === alias) ?? alias : alias;
      const hay = caseSensitive ? part : lowerPart;
      let at = hay.indexOf(written);
      while (at >= 0) {
        const m = { key, start: range.start + at, end: range.start + at + written.length };
        const bounded = !/[\p{L}\p{N}]/u.test(part[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(part[at + written.length] ?? ' ');
        if (bounded && !found.some((f) => f.start < m.end && m.start < f.end)) found.push(m);
        at = hay.indexOf(written, at + 1);
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /** The entity a definite description ("the cluster", "the network") stands for: the last one of that type. */
  byType(slug: string): string | undefined {
    let hit: string | undefined;
    for (const e of this.entities.values()) if (e.types.some((t) => t.iri && typeSlug(t.iri) === slug)) hit = e.key;
    return hit;
  }

  addType(key: string, ref: ConceptRef): void {
    const e = this.entities.get(key);
    if (!e || !ref.iri) return;
    if (!e.types.some((t) => t.iri === ref.iri)) e.types.push(ref);
    if (e.kind === 'organisation' && INITIATIVE_TYPES.has(typeSlug(ref.iri))) e.kind = 'initiative';
  }
}

/** Adds a concept to a list once (by IRI, or label when unresolved). */
export function addConcept(list: ConceptRef[], ref: ConceptRef): void {
  if (!list.some((c) => (c.iri && c.iri === ref.iri) || (!c.iri && !ref.iri && c.label === ref.label))) list.push(ref);
}
