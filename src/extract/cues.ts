/**
 * Relation cues: phrases that announce who holds which role towards whom. Table-driven; each cue
 * says which side of the phrase the holder is on. Role labels are labels of the role scheme
 * (ontology/vocabularies/role.ttl), resolved there, never invented here.
 */

import { overlaps, type Range } from './span.js';

export type CueShape =
  /** "X is hosted by Y": Y holds the role towards X (the subject). */
  | 'passive'
  /** "X is a member of Y": X (the subject) holds the role towards Y. */
  | 'active'
  /** "participation of X in Y": X named inside the cue holds the role towards Y. */
  | 'participation'
  /** "its partners are A, B and C": each listed name holds the role towards the subject. */
  | 'list';

export interface Cue {
  pattern: RegExp;
  roles: string[];
  shape: CueShape;
  confidence: number;
}

export const CUES: Cue[] = [
  { pattern: /\b(?:is |are |was )?hosted (?:jointly |mainly )?by\b/gi, roles: ['hosts'], shape: 'passive', confidence: 0.9 },
  { pattern: /\b(?:is |are |was )?co-(?:coordinated|co-ordinated|led) (?:jointly )?by\b/gi, roles: ['co-coordinates'], shape: 'passive', confidence: 0.85 },
  { pattern: /\b(?<!co-)(?:is |are |was )?(?:coordinated|co-ordinated|led) (?:jointly |mainly )?by\b/gi, roles: ['coordinates'], shape: 'passive', confidence: 0.85 },
  { pattern: /\b(?:is |are |was )?(?:run|operated|managed) (?:jointly |mainly )?by\b/gi, roles: ['runs'], shape: 'passive', confidence: 0.85 },
  { pattern: /\b(?:is |are |was )?(?:funded|sponsored|financed) by\b/gi, roles: ['sponsors'], shape: 'passive', confidence: 0.75 },
  { pattern: /\boperates under the umbrella of\b|\bunder the umbrella of\b/gi, roles: ['umbrella of'], shape: 'passive', confidence: 0.8 },
  { pattern: /\bhost and co-coordinator of\b/gi, roles: ['hosts', 'co-coordinates'], shape: 'active', confidence: 0.9 },
  { pattern: /\b(?:the )?host(?:ing organi[sz]ation)? of\b/gi, roles: ['hosts'], shape: 'active', confidence: 0.85 },
  { pattern: /\bco-coordinator of\b/gi, roles: ['co-coordinates'], shape: 'active', confidence: 0.85 },
  { pattern: /\b(?<!co-)coordinator of\b/gi, roles: ['coordinates'], shape: 'active', confidence: 0.85 },
  { pattern: /\bfounding (?:member|partner) of\b|\bco-?founder of\b/gi, roles: ['founding member of'], shape: 'active', confidence: 0.85 },
  { pattern: /\b(?<!founding )(?:an? |active |full )?member of\b/gi, roles: ['member of'], shape: 'active', confidence: 0.85 },
  { pattern: /\b(?:(?:is|as) (?:the |a )?(?:designated )?|designated )representative of\b/gi, roles: ['representative of'], shape: 'active', confidence: 0.85 },
  { pattern: /\bacts? as (?:an? |the )?(?:regional |national |local |single )?(?:contact|entry) point (?:for|of|to)\b/gi, roles: ['contact point for'], shape: 'active', confidence: 0.85 },
  { pattern: /\bparticipates? in\b|\btakes? part in\b|\bis involved in\b/gi, roles: ['participates in'], shape: 'active', confidence: 0.8 },
  { pattern: /\bparticipation of\b/gi, roles: ['participates in'], shape: 'participation', confidence: 0.8 },
  { pattern: /\bbelongs? to (?:the )?[\w/ -]{0,40}?stakeholders? groups?\b[^.;]*?\bsuch as\b/gi, roles: ['stakeholder of'], shape: 'active', confidence: 0.8 },
  { pattern: /\bleads? the\b/gi, roles: ['leads'], shape: 'active', confidence: 0.8 },
  { pattern: /\b(?:its |the |main |other |consortium )?partners (?:are|include|includes|being|comprise)\b:?|\b(?:key|main|core) partners\b:?|\b(?:is|are) (?:made up|composed|formed) of\b:?|\bconsortium (?:is )?(?:composed|made up|formed|consisting|consists) of\b:?|\bbrings together\b:?|\b(?:together|jointly) with\b/gi, roles: ['partner of'], shape: 'list', confidence: 0.75 },
];

/** "in representation of X", "on behalf of X": the relation is held for X. */
export const ON_BEHALF = /\b(?:in representation of|on behalf of|representing)\b/gi;
/** "under X": a project under a programme, a pilot action under an initiative. */
export const UNDER = /\bunder\b/gi;
/** "that contributes to ... X". */
export const CONTRIBUTES = /\b(?:that|which) contributes? to\b/gi;
/** Sentences that list what an organisation's members are. */
export const MEMBERS = /\b(?:its|their) members\b|\bmembers (?:include|are|such as)\b|\bembeds in its members\b/i;
/** Names and pronouns that stand for the described hub. */
export const HUB_REFERENCES = /\b(?:the (?:hub|DIH|EDIH|platform)|this (?:hub|DIH|EDIH)|we|our hub)\b/i;

export interface CueHit extends Range {
  cue: Cue;
}

/** Every cue in text[s], left to right, the first cue of the table winning where two overlap. */
export function cueHits(text: string, s: Range): CueHit[] {
  const part = text.slice(s.start, s.end);
  const hits: CueHit[] = [];
  for (const cue of CUES) {
    cue.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = cue.pattern.exec(part))) {
      const hit = { cue, start: s.start + m.index, end: s.start + m.index + m[0].length };
      if (!hits.some((h) => overlaps(h, hit))) hits.push(hit);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

