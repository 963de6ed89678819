/**
 * Context rules for gazetteer mentions in running text: whether a matched label states a fact about
 * the hub (a sector it serves, a technology it offers, a region it is in) or is used otherwise:
 * as a process word ("device manufacturing"), as an adjective of another noun ("cross-sectoral AI
 * pilots"), inside an organisation's name ("Technische Hochschule Brandenburg"), or about another
 * site ("The other branch is located in Bolzano"). Common single words ("education", "cloud") are
 * kept out of the gazetteer and let back in only where the context makes them a label.
 */
import type { ConceptRef } from '../model/record.js';
import { addConcept } from './entities.js';
import type { GazetteerMatch, ProseGazetteer } from './gazetteer.js';
import type { Range } from './span.js';

/** Sector labels that name an activity as well as a sector ("manufacturing", "production"). */
const PROCESS_SECTOR = /^(?:manufacturing|production|processing)$/i;
/** Words before such a label that make it a process: "device manufacturing", "additive manufacturing". */
const PROCESS_MODIFIERS = new Set(`additive addative subtractive device devices semiconductor semiconductors chip chips wafer wafers
contract batch component components part parts pcb 3d cell cells battery batteries sample samples prototype prototypes
tool tooling mould moulds mold molds`.split(/\s+/));
/**
 * "device manufacturing": the label names a process, not a sector served. (The label as a modifier,
 * "manufacturing processes", is left alone: over the registries' prose, a hub that improves
 * manufacturing processes serves manufacturing.)
 */
export function isProcessUse(text: string, g: Range): boolean {
  if (!PROCESS_SECTOR.test(text.slice(g.start, g.end))) return false;
  const before = /([\p{L}\p{N}]+)\s+$/u.exec(text.slice(Math.max(0, g.start - 30), g.start));
  return !!before && PROCESS_MODIFIERS.has((before[1] as string).toLowerCase());
}

/** Adjectival sector labels ("cross-sectoral", "multi-sectoral"): about the hub only when they qualify it or stand alone. */
const ADJECTIVE_SECTOR = /^(?:cross[- ]?sector(?:al)?|multi[- ]?sectoral|inter[- ]?sectori?al|sector[- ]agnostic)$/i;
/** Nouns whose cross-sectoral quality is the hub's own scope: its kind, its approach, its activities. */
const HUB_NOUNS = /^\s+(?:digital\s+)?(?:innovation\s+)?(?:hub|dih|edih|approach|focus|scope|services?|support|offer|activities|innovation|collaboration|cooperation|co-operation|upskilling|reskilling|transfer)\b/i;

/** "cross-sectoral AI pilots": an adjectival label qualifying another noun says what that noun is, not which sectors the hub serves. */
export function isAttributiveOfOther(text: string, g: Range): boolean {
  if (!ADJECTIVE_SECTOR.test(text.slice(g.start, g.end))) return false;
  const next = text.slice(g.end, g.end + 40);
  if (!/^\s+[\p{L}]/u.test(next)) return false;
  if (/^\s+(?:and|or)\b/i.test(next)) return false;
  return !HUB_NOUNS.test(next);
}

/** Sector labels of the institutional sense (who owns an organisation), not of an economic activity. */
const INSTITUTIONAL_SECTOR = /^(?:public|private|third|voluntary|non-?profit)[- ]sectors?$/i;
/** Organisation nouns after such a label: "public sector entities", "public sector organisations (PSOs)". */
const ORGANISATION_NOUNS = /^\s+(?:entit(?:y|ies)|organi[sz]ations?|bodies|body|institutions?|agenc(?:y|ies)|authorit(?:y|ies)|administrations?|actors?|players?|stakeholders?|partners?|customers?|clients?|users?|employers?|PSOs?)\b/i;

/**
 * "SMEs, start-ups and public sector entities": an institutional sector label before an organisation
 * noun names a kind of organisation (a target group of any activity), not a sector the hub serves.
 * ("the public administration sector", "in the public sector domain" stay sectors.)
 */
export function isOrganisationKind(text: string, g: Range): boolean {
  return INSTITUTIONAL_SECTOR.test(text.slice(g.start, g.end)) && ORGANISATION_NOUNS.test(text.slice(g.end, g.end + 40));
}

/** Nouns for side activities where a hub tries its offer out: "pilots in", "use cases from", "demonstrators for". */
const SIDE_NOUNS = String.raw`pilots?|pilot (?:projects?|actions?|cases?|stud(?:y|ies))|use[- ]cases?|demonstrators?|demo(?:nstration)? projects?|showcases?|proofs? of concept|test cases?`;
/** A list item of up to three words, and the joints between items: "health technology and ". */
const SIDE_ITEM = String.raw`(?:(?!(?:and|or)\s)[\p{L}\p{N}&'’-]+\s+){0,2}(?!(?:and|or)\b)[\p{L}\p{N}&'’-]+(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*\/\s*)`;
const SIDE_EXAMPLE = new RegExp(String.raw`\b(?:${SIDE_NOUNS})\s+(?:in|from|for|on|within)\s+(?:the\s+)?(?:(?:fields?|areas?|domains?|sectors?)\s+of\s+)?(?:${SIDE_ITEM}){0,6}$`, 'iu');

/**
 * "up to 10% of the budget is allocated to AI pilots in health technology and tourism": labels listed
 * after a pilot, use case or demonstrator say where the hub tries its offer out, an example, not
 * which sectors it serves, unless nothing else says (see SideSectors).
 */
export function isSideExample(text: string, g: Range): boolean {
  return SIDE_EXAMPLE.test(text.slice(Math.max(0, g.start - 160), g.start));
}

/**
 * The sectors of each owner, where those known only from side examples are kept while the owner has
 * no sector of its own, and dropped (stated focus wins) once one is found, whatever the order.
 */
export class SideSectors {
  private readonly side = new WeakSet<ConceptRef>();

  add(sectors: ConceptRef[], ref: ConceptRef, sideExample: boolean): void {
    if (sideExample) {
      if (!sectors.every((c) => this.side.has(c))) return;
      if (ref.provenance) ref.provenance.confidence = Math.min(ref.provenance.confidence ?? 1, 0.6);
      this.side.add(ref);
    } else for (let i = sectors.length - 1; i >= 0; i--) if (this.side.has(sectors[i] as ConceptRef)) sectors.splice(i, 1);
    addConcept(sectors, ref);
  }
}

/** Head words of organisation names, in the languages of the registries. */
const ORGANISATION_HEADS = String.raw`University|Universit[àäéy]|Universit(?:ät|eit|at|é|à|ad|ade|atea|et)|Hochschule|Fachhochschule|Politecnico|Polytechnic|Polytechnique|Institute|Institut|Instituto|Istituto|Academy|Akademie|College|School|Chamber|Kammer|Ministry|Department|Agency|Bank|Hospital|Klinikum|Museum|Port|Foundation|Stiftung|Fundación|Fundação`;
const IN_ORGANISATION_NAME = new RegExp(String.raw`\b(?:${ORGANISATION_HEADS})(?: (?:of|for|de|di|do|da|del|der|des|für)(?: the| la| el)?)?\s+$`, 'u');

/** "University of Brandenburg", "Technische Hochschule Brandenburg": a place named inside an organisation's name is not where the hub is. */
export function inOrganisationName(text: string, g: Range): boolean {
  return IN_ORGANISATION_NAME.test(text.slice(Math.max(0, g.start - 60), g.start));
}

/** A sentence about another site of the organisation: its places are not the hub's region. */
const OTHER_SITE = /\b(?:the other|another|a second|the second|other)\s+(?:branch|branches|office|offices|site|sites|node|nodes|location|locations|campus|premises|antenna|seat)\b/i;

/** "The other branch is located in Bolzano": the places of the sentence belong to another site. */
export function isAboutOtherSite(text: string, s: Range): boolean {
  return OTHER_SITE.test(text.slice(s.start, s.end));
}

/** Cues after which a common word is a sector or technology label: "focus on Health", "sectors such as education". */
const FOCUS_CUE = /\b(?:focus(?:es|ed|ing)?|concentrat(?:es|ed|ing)) on\s+(?:the\s+)?$|\bsectors?\s*(?:such as|like|including|:)\s*$|\b(?:domains?|fields?|areas?)\s*(?:such as|like|including|:)\s*$/i;
/** Nouns after "cloud" that make it the computing sense: "cloud operator", "cloud storage". */
const CLOUD_HEADS = /^\s+(?:storage|operators?|services?|infrastructures?|providers?|platforms?|solutions?|computing|environments?|resources?)\b/i;
const LIST_JOINT = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+|\/\s*)$/i;

/**
 * Whether a common-word label (`common`) is used as a label here: listed next to a label of the same
 * kind ("healthcare, education, and agriculture"), right after a focus cue ("focus on Health"), or,
 * for "cloud", before an infrastructure noun or after "on (the)".
 */
export function commonWordCounts(text: string, common: GazetteerMatch, labelled: GazetteerMatch[], sentence: Range): boolean {
  for (const other of labelled) {
    if (other.kind !== common.kind) continue;
    const gap = other.end <= common.start ? text.slice(other.end, common.start) : common.end <= other.start ? text.slice(common.end, other.start) : undefined;
    if (gap !== undefined && LIST_JOINT.test(gap)) return true;
  }
  const before = text.slice(Math.max(sentence.start, common.start - 40), common.start);
  if (FOCUS_CUE.test(before)) return true;
  if (common.kind === 'technology' && /^cloud$/i.test(text.slice(common.start, common.end))) {
    return CLOUD_HEADS.test(text.slice(common.end, common.end + 30)) || /\b(?:on|in|to) (?:the )?$/i.test(before);
  }
  return false;
}

/** The sentence's labels in text order: the gazetteer's, and the common words the context lets in. */
export function sentenceLabels(gazetteer: ProseGazetteer, text: string, s: Range): GazetteerMatch[] {
  const labelled = gazetteer.scan(text, s);
  const common = gazetteer.scanCommon(text, s).filter((c) => !labelled.some((l) => l.start < c.end && c.start < l.end) && commonWordCounts(text, c, labelled, s));
  return [...labelled, ...common].sort((a, b) => a.start - b.start);
}

/** Whether a label outside names is used otherwise than as a fact about the sentence's topic. */
export function usedOtherwise(text: string, g: GazetteerMatch, aboutOtherSite: boolean): boolean {
  if (g.kind === 'sector' && (isProcessUse(text, g) || isAttributiveOfOther(text, g) || isOrganisationKind(text, g))) return true;
  if (g.kind === 'region' && aboutOtherSite) return true;
  // "Hellenic Institute of Transport", "University College Cork": words of an organisation's name, captured as an entity or not
  return g.kind !== 'country' && inOrganisationName(text, g);
}
