/**
 * Scoring the merge against hand-labelled pairs: a pair labelled "same" must end up in one hub,
 * a pair labelled "different" in two. Precision and recall are over the "same" decisions.
 */
export interface LabelledPair {
  same: boolean;
  a: string;
  b: string;
  note: string;
  line: number;
}

/** Reads the TSV of test/fixtures/pairs: `same|different <TAB> record <TAB> record <TAB> why`; `#` starts a comment. */
export function parsePairs(text: string): LabelledPair[] {
  const out: LabelledPair[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [label, a, b, note = ''] = line.split('\t');
    if ((label !== 'same' && label !== 'different') || !a || !b) throw new Error(`pairs line ${i + 1}: expected same|different, record, record`);
    out.push({ same: label === 'same', a, b, note, line: i + 1 });
  });
  return out;
}

export interface PairOutcome {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Pairs whose record is not in the build, and wrong decisions, for the report. */
  missing: LabelledPair[];
  wrong: LabelledPair[];
}

/**
 * `hubOf` maps a record key (`registry/id`) to its merged hub. A pair names EDIH records by row
 * (`edih/188`): any key `edih/188-...` matches.
 */
export function evaluatePairs(pairs: LabelledPair[], hubOf: Map<string, string>): PairOutcome {
  const byPrefix = new Map<string, string>();
  for (const key of hubOf.keys()) {
    const m = /^([^/]+\/\d+)-/.exec(key);
    if (m) byPrefix.set(m[1] as string, key);
  }
  const find = (ref: string) => hubOf.get(ref) ?? hubOf.get(byPrefix.get(ref) ?? '');
  const o: PairOutcome = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, precision: 0, recall: 0, missing: [], wrong: [] };
  for (const p of pairs) {
    const ha = find(p.a);
    const hb = find(p.b);
    if (!ha || !hb) {
      o.missing.push(p);
      continue;
    }
    const merged = ha === hb;
    if (merged && p.same) o.truePositives++;
    else if (merged) { o.falsePositives++; o.wrong.push(p); }
    else if (p.same) { o.falseNegatives++; o.wrong.push(p); }
    else o.trueNegatives++;
  }
  o.precision = o.truePositives + o.falsePositives ? o.truePositives / (o.truePositives + o.falsePositives) : 1;
  o.recall = o.truePositives + o.falseNegatives ? o.truePositives / (o.truePositives + o.falseNegatives) : 1;
  return o;
}

/** Record key -> canonical hub IRI, from the merge's links. */
export function hubsByRecord(hubs: { iri: string; links: { registry: string; recordId: string }[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of hubs) for (const l of h.links) out.set(`${l.registry}/${l.recordId}`, h.iri);
  return out;
}
