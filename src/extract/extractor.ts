/**
 * Sentence-level extraction shared by catalogue pages and registry descriptions: relation cues,
 * the names they point at, appositions that describe those names, and gazetteer mentions
 * attributed to the entity a sentence is about (its topic), the hub by default.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { ConceptRef, Entity, Relation } from '../model/record.js';
import type { ConceptIndex } from '../vocab/concepts.js';
import { CONTRIBUTES, cueHits, HUB_REFERENCES, MEMBERS, ON_BEHALF, UNDER, type CueHit } from './cues.js';
import { code, regionCountries } from './authority.js';
import { isAboutOtherSite, isSideExample, sentenceLabels, SideSectors, usedOtherwise } from './context.js';
import { addConcept, EntityTable, typeSlug } from './entities.js';
import type { GazetteerMatch, ProseGazetteer } from './gazetteer.js';
import { bracketAcronym, captureName, captureNameList, sharesDistinctiveWord, type NameCapture } from './names.js';
import { inside, makeSpan, overlaps, type Range } from './span.js';
import { clauseEnd } from './sentences.js';

const PRONOUN_START = /^(?:it|its|this|these|they|their|he|she)\b/i;
const MAX_ENTITIES = 400;

export class ProseExtractor {
  readonly table: EntityTable;
  readonly relations: Relation[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Country mentions no entity claimed, as votes for the hub's country. */
  readonly countryVotes = new Map<string, number>();
  private claimed: Range[] = [];
  /** Technologies known only from the hub's own name. */
  private readonly nameEvidence = new Set<ConceptRef>();
  private readonly sides = new SideSectors();
  private topic: string;

  constructor(
    readonly text: string,
    private readonly gazetteer: ProseGazetteer,
    private readonly concepts: ConceptIndex,
    readonly hubKey: string,
    private readonly where: { file: string; record: string; field?: string },
  ) {
    this.table = new EntityTable(text);
    this.topic = hubKey;
  }

  get hub(): Entity {
    return this.table.get(this.hubKey) as Entity;
  }

  /** Concept reference for a matched span. */
  ref(m: Range & { iri?: string }, confidence: number): ConceptRef {
    const ref: ConceptRef = { label: this.text.slice(m.start, m.end), provenance: { span: makeSpan(this.text, m.start, m.end), confidence } };
    if (m.iri) ref.iri = m.iri;
    return ref;
  }

  sentence(s: Range): void {
    if (this.table.entities.size > MAX_ENTITIES) return;
    this.claimed = this.claimed.filter((c) => c.end > s.start - 2000);
    const targets: Range[] = [];
    const sentenceRelations: Relation[] = [];
    const hits = cueHits(this.text, s);
    for (const hit of hits) {
      const before = this.relations.length;
      if (hit.cue.shape === 'passive') this.passive(s, hit, targets);
      else if (hit.cue.shape === 'list') this.list(s, hit, targets);
      else this.active(s, hit, targets);
      sentenceRelations.push(...this.relations.slice(before));
    }
    this.onBehalf(s, sentenceRelations);
    const topic = this.topicOf(s, targets);
    this.mentions(s, topic);
    this.topic = topic;
  }

  /** Who the words before `at` are about: the last entity named there, a hub reference, or the topic. */
  private subject(s: Range, at: number, targets: Range[]): string {
    const mentions = this.table.mentions({ start: s.start, end: at }).filter((m) => !targets.some((t) => overlaps(t, m)));
    const last = mentions[mentions.length - 1];
    const between = this.text.slice(last ? last.end : s.start, at);
    if (last && !/\b(?:it|they|which)\b/i.test(between)) return last.key;
    if (last && !mentions.some((m) => m.start === s.start) && /\bit\b/i.test(between)) return this.relations.find((r) => inside(r.provenance?.span ?? { start: -1, end: -1 }, s))?.holder ?? last.key;
    const head = this.text.slice(s.start, at);
    if (HUB_REFERENCES.test(head)) return this.hubKey;
    const cap = captureName(this.text, s.start, at);
    if (cap && cap.start - s.start < 8) {
      if (this.isHubVariant(cap.name)) {
        this.table.addAltName(this.hubKey, cap.name);
        return this.hubKey;
      }
      // "The R&D hub's work is run by ...": a name qualifying the word hub is about the hub
      if (/^\s+(?:hub|dih|edih)\b/i.test(this.text.slice(cap.end, at))) return this.hubKey;
      return this.entity(cap, 0.7);
    }
    if (PRONOUN_START.test(head.trim())) return this.topic;
    return this.hubKey;
  }

  isHubVariant(name: string): boolean {
    return sharesDistinctiveWord(this.hub, name);
  }

  /** Adds the entity a capture names, with what its name tells (type, kind, country). */
  entity(cap: NameCapture, confidence: number): string {
    let name = cap.name;
    const typeRef = cap.typeWord ? this.orgType(cap.typeWord) : undefined;
    if (cap.typeWord && /^\p{Lu}\p{Ll}+$/u.test(name)) name = `${name} ${cap.typeWord[0]?.toUpperCase()}${cap.typeWord.slice(1)}`;
    // "the Plan4all DIH is coordinated by the Plan4all association": the association is not the hub
    else if (cap.typeWord && this.table.find(name) === this.hubKey) name = `${name} ${cap.typeWord}`;
    const key = this.table.add(name, cap, 'organisation', confidence);
    if (key === this.hubKey) return key;
    if (typeRef) this.table.addType(key, typeRef);
    this.inferFromName(key);
    const acr = bracketAcronym(this.text, cap.end, this.text.length);
    if (acr) this.table.addAltName(key, acr);
    this.claim(cap);
    return key;
  }

  private orgType(word: string): ConceptRef | undefined {
    const iri = this.concepts.lookup(this.concepts.schemeIri('organisation-type'), word);
    return iri ? { label: word, iri } : undefined;
  }

  private inferFromName(key: string): void {
    const e = this.table.get(key) as Entity;
    const head = e.name.split(/\s+of\s+/)[0] as string;
    const span = e.provenance?.span as Range;
    for (const m of this.gazetteer.scan(head)) {
      if (m.kind === 'organisation-type' && m.end === head.length && e.kind !== 'hub') {
        const plural = /s$/i.test(head) && /(?:cluster|hub|network|association)s$/i.test(head);
        const iri = plural ? this.concepts.lookup(this.concepts.schemeIri('organisation-type'), 'network') : m.iri;
        if (iri) this.table.addType(key, { label: head.slice(m.start, m.end), iri });
      }
    }
    for (const m of this.gazetteer.scan(e.name)) {
      if (m.kind === 'hub-type' && e.kind === 'hub' && !e.hubType) e.hubType = { label: e.name.slice(m.start, m.end), iri: m.iri };
      if (m.kind === 'country' && !e.country) e.country = code(m.iri);
      if (m.kind === 'region') this.addRegion(e, m.iri);
      if (m.kind === 'technology' && e.kind === 'initiative' && span) addConcept(e.technologies, this.ref({ start: span.start + m.start, end: span.start + m.end, iri: m.iri }, 0.7));
    }
  }

  private addRegion(e: Entity, iri: string): void {
    const c = code(iri);
    if (!e.regions.includes(c)) e.regions.push(c);
    if (!e.country) {
      const country = regionCountries(this.concepts).get(iri);
      if (country) e.country = code(country);
    }
  }

  private claim(r: Range): void {
    this.claimed.push({ start: r.start, end: r.end });
  }

  private relate(holder: string, role: string, target: string, span: Range, confidence: number): Relation | undefined {
    if (holder === target) return undefined;
    const iri = this.concepts.lookup(this.concepts.schemeIri('role'), role);
    const rel: Relation = { holder, role: { label: role, ...(iri ? { iri } : {}) }, target, provenance: { span: makeSpan(this.text, span.start, span.end), confidence } };
    if (!this.relations.some((r) => r.holder === holder && r.target === target && r.role.label === role)) this.relations.push(rel);
    return rel;
  }

  private passive(s: Range, hit: CueHit, targets: Range[]): void {
    const holders = captureNameList(this.text, hit.end, s.end);
    if (!holders.length) return;
    const target = this.subject(s, hit.start, targets);
    for (const cap of holders) {
      const holder = this.entity(cap, hit.cue.confidence);
      for (const role of hit.cue.roles) this.relate(holder, role, target, { start: hit.start, end: cap.end }, hit.cue.confidence);
      targets.push(cap);
    }
    const last = holders[holders.length - 1] as NameCapture;
    this.apposition(this.table.find(last.name) ?? '', last.end, s);
  }

  private list(s: Range, hit: CueHit, targets: Range[]): void {
    const names = captureNameList(this.text, hit.end, s.end);
    for (const cap of names) {
      const key = this.entity(cap, hit.cue.confidence);
      if (key !== this.hubKey) this.relate(key, 'partner of', this.hubKey, { start: hit.start, end: cap.end }, hit.cue.confidence);
      targets.push(cap);
    }
  }

  private active(s: Range, hit: CueHit, targets: Range[]): void {
    let holder: string;
    let pos = hit.end;
    if (hit.cue.shape === 'participation') {
      const cap = captureName(this.text, hit.end, s.end);
      const inWord = cap ? /^\s+in\s/.exec(this.text.slice(cap.end, s.end)) : null;
      if (!cap || !inWord) return;
      holder = this.entity(cap, hit.cue.confidence);
      pos = cap.end + inWord[0].length;
    } else holder = this.subject(s, hit.start, targets);
    const found = this.targets(s, pos);
    for (const t of found.keys) {
      for (const role of hit.cue.roles) {
        const rel = this.relate(holder, role, t.key, { start: hit.start, end: t.end }, hit.cue.confidence);
        if (rel && found.onBehalfOf) rel.onBehalfOf = found.onBehalfOf;
      }
      targets.push(t);
    }
  }

  /** The targets of an active cue starting at `pos`: a region plus the initiatives named after it, a "committee of X", a quoted name, or a list of names. */
  private targets(s: Range, pos: number): { keys: (Range & { key: string })[]; onBehalfOf?: string } {
    const rest = this.text.slice(pos, s.end);
    const lead = /^\s*(?:the |a |an )?/.exec(rest)?.[0].length ?? 0;
    const region = this.gazetteer.scan(this.text, { start: pos + lead, end: Math.min(s.end, pos + lead + 60) }).find((m) => m.kind === 'region' && m.start === pos + lead);
    // "the Norte region" is the region; "the Vlaanderen Digitaal initiative" only starts with one
    const named = region ? captureName(this.text, pos + lead, s.end) : undefined;
    if (region && (!named || named.end <= region.end)) {
      this.claim(region);
      const keys: (Range & { key: string })[] = [];
      const clauseStop = clauseEnd(this.text, region.end, s.end);
      UNDER.lastIndex = 0;
      const under = UNDER.exec(this.text.slice(region.end, clauseStop));
      let parent: string | undefined;
      if (under) {
        const cap = captureName(this.text, region.end + under.index + under[0].length, clauseStop);
        if (cap) keys.push({ ...cap, key: (parent = this.entity(cap, 0.8)) });
      }
      const pilots = /pilot actions?\s*/i.exec(this.text.slice(region.end, clauseStop));
      if (pilots) {
        const at = region.end + pilots.index + pilots[0].length;
        const type = this.orgType('pilot action');
        for (const cap of captureNameList(this.text, at, clauseStop)) {
          const key = this.entity(cap, 0.8);
          if (type) this.table.addType(key, type);
          if (parent) this.partOf(key, parent);
          this.inferFromName(key);
          keys.unshift({ ...cap, key });
        }
      }
      return { keys, onBehalfOf: `nuts:${code(region.iri)}` };
    }
    // "the coordination committee of PORTUGAL Clusters"
    const composite = /^\s*(?:the |a |an )?((?:[\p{Ll}-]+ ){0,2}[\p{Ll}-]+) of (?=(?:the )?[\p{Lu}])/u.exec(rest);
    if (composite) {
      const phrase = composite[1] as string;
      const type = this.gazetteer.scan(phrase).find((m) => m.kind === 'organisation-type' && m.end === phrase.length);
      const parentCap = type ? captureName(this.text, pos + composite[0].length, s.end) : undefined;
      if (type && parentCap) {
        const parent = this.entity(parentCap, 0.8);
        const start = pos + composite[0].indexOf(phrase);
        const name = `${phrase[0]?.toUpperCase()}${phrase.slice(1)} of ${this.table.get(parent)?.name ?? parentCap.name}`;
        const key = this.table.add(name, { start, end: parentCap.end }, 'organisation', 0.8);
        this.table.addType(key, { label: phrase, iri: type.iri });
        this.partOf(key, parent);
        this.inferFromName(key);
        this.claim({ start, end: parentCap.end });
        this.apposition(parent, parentCap.end, s);
        return { keys: [{ start, end: parentCap.end, key }] };
      }
    }
    // "the innovation platform on “Industrial Sustainable Solutions”"
    const typed = /^\s*(?:the |a |an )?([\p{Ll} -]{3,40}?)\s+(?:on|called|named|entitled)?\s*(?=[“"‘«])/u.exec(rest);
    const keys: (Range & { key: string })[] = [];
    const caps = typed ? captureNameList(this.text, pos + typed[0].length, s.end) : captureNameList(this.text, pos, clauseEnd(this.text, pos, s.end));
    for (const cap of caps) {
      const key = this.entity(cap, 0.8);
      if (typed) {
        const type = this.gazetteer.scan(typed[1] as string).find((m) => m.kind === 'organisation-type');
        if (type) this.table.addType(key, { label: typed[1] as string, iri: type.iri });
      }
      keys.push({ ...cap, key });
    }
    const last = caps[caps.length - 1];
    if (last) this.after(this.table.find(last.name) ?? '', last.quoted ? last.end + 1 : last.end + (last.typeWord ? last.typeWord.length + 1 : 0), s);
    return { keys };
  }

  /** What follows a target: "under X" (part of X), an apposition, "that contributes to X". */
  private after(key: string, pos: number, s: Range): void {
    if (!key) return;
    const under = /^\s+under\s+/.exec(this.text.slice(pos, s.end));
    if (under) {
      const cap = captureName(this.text, pos + under[0].length, s.end);
      if (cap) {
        this.partOf(key, this.entity(cap, 0.8));
        return;
      }
    }
    CONTRIBUTES.lastIndex = 0;
    const contributes = CONTRIBUTES.exec(this.text.slice(pos, Math.min(s.end, pos + 20)));
    if (contributes) {
      let p = pos + contributes.index + contributes[0].length;
      for (let guard = 0; guard < 30 && p < s.end; guard++) {
        const cap = captureName(this.text, p, s.end);
        if (cap) {
          const target = this.entity(cap, 0.75);
          const e = this.table.get(key) as Entity;
          if (!e.contributesTo.includes(target)) e.contributesTo.push(target);
          this.claim({ start: p, end: cap.end });
          return;
        }
        const next = /\S+\s+/.exec(this.text.slice(p, s.end));
        if (!next) return;
        p += next[0].length;
      }
      return;
    }
    this.apposition(key, pos, s);
  }

  private partOf(key: string, parent: string): void {
    const e = this.table.get(key);
    if (e && key !== parent && !e.partOf.includes(parent)) e.partOf.push(parent);
  }

  /** ", the officially recognized cluster in Portugal", "(, a regional digital innovation hub, in Norte ...": facts about `key`. */
  private apposition(key: string, pos: number, s: Range): void {
    const e = this.table.get(key);
    if (!e || key === this.hubKey) return;
    const m = /^\s*(\(\s*,?\s*|,\s*)(?=(?:an?|the|\p{Ll}+ing)\s)/u.exec(this.text.slice(pos, s.end));
    if (!m) return;
    const start = pos + m[0].length;
    const close = m[1]?.startsWith('(') ? this.text.indexOf(')', start) : -1;
    const end = close > 0 && close < s.end ? close : clauseEnd(this.text, start, s.end);
    const nounPhrase = /^(?:an?|the)\s/.test(this.text.slice(start, start + 4));
    const recognised = /officially recogni[sz]ed/i.test(this.text.slice(start, end));
    let typed = false;
    for (const g of this.gazetteer.scan(this.text, { start, end })) {
      if (g.kind === 'hub-type' && e.kind === 'hub') e.hubType ??= this.ref(g, 0.75);
      else if (g.kind === 'organisation-type' && nounPhrase && !typed && e.kind !== 'hub') {
        this.table.addType(key, this.ref(g, 0.75));
        typed = true;
      } else if (g.kind === 'country') {
        e.country ??= code(g.iri);
        if (recognised && nounPhrase) e.officiallyRecognisedIn ??= code(g.iri);
      } else if (g.kind === 'region') this.addRegion(e, g.iri);
      else if (g.kind === 'technology') addConcept(e.technologies, this.ref(g, 0.75));
      else if (g.kind === 'sector') addConcept(e.sectors, this.ref(g, 0.7));
    }
    this.claim({ start, end });
  }

  private onBehalf(s: Range, rels: Relation[]): void {
    ON_BEHALF.lastIndex = 0;
    const m = ON_BEHALF.exec(this.text.slice(s.start, s.end));
    if (!m || !rels.length) return;
    const cap = captureName(this.text, s.start + m.index + m[0].length, s.end);
    if (!cap) return;
    const key = this.entity(cap, 0.75);
    for (const r of rels) if (!r.onBehalfOf && r.holder !== key) r.onBehalfOf = key;
  }

  /** The entity the sentence is about: named at its start, "the cluster", a pronoun (previous topic), else the hub. */
  private topicOf(s: Range, targets: Range[]): string {
    const head = this.text.slice(s.start, Math.min(s.end, s.start + 60));
    if (PRONOUN_START.test(head)) return this.topic;
    const first = this.table.mentions({ start: s.start, end: Math.min(s.end, s.start + 60) }).find((m) => !targets.some((t) => overlaps(t, m)));
    if (first) return first.key;
    const definite = /\b[Tt]he (cluster|network|association|consortium|university|foundation)\b/.exec(head);
    if (definite) {
      const iri = this.concepts.lookup(this.concepts.schemeIri('organisation-type'), definite[1] as string);
      const key = iri ? this.table.byType(typeSlug(iri)) : undefined;
      if (key) return key;
    }
    return this.hubKey;
  }

  /** Gazetteer mentions outside names and appositions: sectors, technologies, regions of the topic; member kinds in member sentences. */
  private mentions(s: Range, topic: string): void {
    const owner = this.table.get(topic) ?? this.hub;
    const membersAt = MEMBERS.exec(this.text.slice(s.start, s.end));
    const memberStart = membersAt ? s.start + membersAt.index + membersAt[0].length : Infinity;
    const names = this.table.mentions(s);
    const otherSite = isAboutOtherSite(this.text, s);
    for (const g of sentenceLabels(this.gazetteer, this.text, s)) {
      if (this.claimed.some((c) => overlaps(c, g))) continue;
      // words of a name state no fact about what the named entity does, except technologies in the hub's own name ("Robotics Place")
      const inName = names.filter((n) => overlaps(n, g));
      if (inName.length && !(g.kind === 'technology' && inName.every((n) => n.key === this.hubKey))) continue;
      if (g.start >= memberStart) {
        if (g.kind === 'organisation-type') addConcept(owner.memberTypes, this.ref(g, 0.75));
        else if (g.kind === 'sector') addConcept(owner.memberSectors, this.ref(g, 0.75));
      } else if (!usedOtherwise(this.text, g, otherSite)) this.attribute(inName.length ? this.hub : owner, g, inName.length > 0);
    }
  }

  /** `fromHubName`: a technology only the hub's own name states, at lower confidence, until prose names it too. */
  private attribute(owner: Entity, g: GazetteerMatch, fromHubName = false): void {
    if (g.kind === 'sector') this.sides.add(owner.sectors, this.ref(g, 0.7), isSideExample(this.text, g));
    else if (g.kind === 'technology') {
      const ref = this.ref(g, fromHubName ? 0.6 : 0.7);
      const i = owner.technologies.findIndex((t) => t.iri === g.iri && this.nameEvidence.has(t));
      if (i >= 0 && !fromHubName) owner.technologies[i] = ref;
      else if (!owner.technologies.some((t) => t.iri === g.iri)) {
        owner.technologies.push(ref);
        if (fromHubName) this.nameEvidence.add(ref);
      }
    }
    else if (g.kind === 'region' && owner.key === this.hubKey) this.addRegion(owner, g.iri);
    else if (g.kind === 'country') this.countryVotes.set(code(g.iri), (this.countryVotes.get(code(g.iri)) ?? 0) + 1);
  }
}

