/**
 * Every fact the PRODUTECH page states is in the built graph. One ASK query per fact, table-driven;
 * each names the fact in the test title.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import { build } from '../../src/pipeline.js';
import { runQuery } from '../../src/query/engine.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

const PREFIXES = `
PREFIX dih: <https://w3id.org/dih/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX hub: <https://w3id.org/dih/hub/>
PREFIX o: <https://w3id.org/dih/org/>
PREFIX ini: <https://w3id.org/dih/initiative/>
PREFIX role: <https://w3id.org/dih/concept/role/>
PREFIX status: <https://w3id.org/dih/concept/status/>
PREFIX type: <https://w3id.org/dih/concept/organisation-type/>
PREFIX sector: <https://w3id.org/dih/concept/sector/>
PREFIX tech: <https://w3id.org/dih/concept/technology/>
PREFIX country: <http://publications.europa.eu/resource/authority/country/>
PREFIX nuts: <http://data.europa.eu/nuts/code/>
`;
const HUB = 'hub:produtech-digital-innovation-hub-national-platform';
const HOST = 'o:produtech-production-technologies-cluster';
const role = (holder: string, r: string, target: string, extra = '') =>
  `ASK { ?m a org:Membership ; org:member ${holder} ; org:role role:${r} ; org:organization ${target} ${extra} }`;

const FACTS: [string, string][] = [
  ['the hub is a DIH named "PRODUTECH Digital Innovation Hub National Platform"', `ASK { ${HUB} a dih:DigitalInnovationHub ; skos:prefLabel "PRODUTECH Digital Innovation Hub National Platform"@en }`],
  ['the hub has the alternative name "PRODUTECH DIH National Platform"', `ASK { ${HUB} skos:altLabel "PRODUTECH DIH National Platform"@en }`],
  ['the hub is fully operational', `ASK { ${HUB} dih:status status:fully-operational }`],
  ['the hub is in Portugal', `ASK { ${HUB} dih:country country:PRT }`],
  ['the hub is hosted by PRODUTECH', role(HOST, 'hosts', HUB)],
  ['the host is a cluster named PRODUTECH', `ASK { ${HOST} dih:organisationType type:cluster ; skos:altLabel "PRODUTECH"@en }`],
  ['the host is officially recognised in Portugal', `ASK { ${HOST} dih:officiallyRecognisedIn country:PRT }`],
  ['the host is horizontal to industrial sectors', `ASK { ${HOST} dih:sector sector:cross-sectoral }`],
  ['the host gathers industrial associations', `ASK { ${HOST} dih:memberType type:industry-association }`],
  ['the host gathers research centres', `ASK { ${HOST} dih:memberType type:research-and-technology-organisation }`],
  ...['ceramics-and-glass', 'metalworking', 'cork', 'textile-and-apparel', 'shoe-making', 'moulds-and-plastics', 'leather-products'].map(
    (s): [string, string] => [`the host's member research centres work in sector ${s}`, `ASK { ${HOST} dih:memberSector sector:${s} }`],
  ),
  ['the host is a member of the PORTUGAL Clusters coordination committee', role(HOST, 'member-of', 'o:coordination-committee-of-portugal-clusters')],
  ['the coordination committee belongs to PORTUGAL Clusters', `ASK { o:coordination-committee-of-portugal-clusters org:subOrganizationOf o:portugal-clusters ; dih:organisationType type:committee }`],
  ['PORTUGAL Clusters is a network also called Partnership Portugal Clusters', `ASK { o:portugal-clusters dih:organisationType type:network ; skos:altLabel "Partnership Portugal Clusters"@en }`],
  ['the host hosts iMan Norte Hub', role(HOST, 'hosts', 'hub:iman-norte-hub')],
  ['the host co-coordinates iMan Norte Hub', role(HOST, 'co-coordinates', 'hub:iman-norte-hub')],
  ['iMan Norte Hub is a regional DIH of Norte (PT11)', `ASK { hub:iman-norte-hub a dih:DigitalInnovationHub ; dih:region nuts:PT11 ; dih:country country:PRT }`],
  ['iMan Norte Hub focuses on cyber-physical systems and robotics', `ASK { hub:iman-norte-hub dih:technology tech:cyber-physical-systems, tech:robotics }`],
  ['the banner\'s technology is not the hub\'s own', `ASK { FILTER NOT EXISTS { ${HUB} dih:technology ?t } }`],
  ['the host represents Norte in the pilot action "Efficient and Sustainable Manufacturing"', role(HOST, 'representative-of', 'ini:efficient-and-sustainable-manufacturing', '; dih:onBehalfOf nuts:PT11')],
  ['the host represents Norte in the pilot action "High Performance Production through 3D printing"', role(HOST, 'representative-of', 'ini:high-performance-production-through-3d-printing', '; dih:onBehalfOf nuts:PT11')],
  ['both pilot actions are part of the Vanguard Initiative', `ASK { ini:efficient-and-sustainable-manufacturing dcterms:isPartOf ini:vanguard-initiative . ini:high-performance-production-through-3d-printing dcterms:isPartOf ini:vanguard-initiative }`],
  ['the host is a stakeholder of NMP-Reg', role(HOST, 'stakeholder-of', 'ini:nmp-reg')],
  ['NMP-Reg is a project of the INTERREG EUROPE programme', `ASK { ini:nmp-reg dih:organisationType type:project ; dcterms:isPartOf ini:interreg-europe . ini:interreg-europe dih:organisationType type:programme }`],
  ['the host participates in the Industrial Sustainable Solutions platform', role(HOST, 'participates-in', 'ini:industrial-sustainable-solutions')],
  ['the platform feeds the smart specialisation strategy of Centro (PT16)', `ASK { ini:industrial-sustainable-solutions dih:contributesTo ?s . ?s dih:region nuts:PT16 ; dih:organisationType type:strategy }`],
  ['the host sits on the Industria 4.0 Strategic Committee on behalf of Portugal Clusters', role(HOST, 'participates-in', 'o:industria-4-0-strategic-committee', '; dih:onBehalfOf o:portugal-clusters')],
  ['every fact is in the record\'s named graph with PROV-O provenance', `ASK { GRAPH <https://w3id.org/dih/source/produtech/produtech-dih-national-platform> { ${HUB} dih:status status:fully-operational } <https://w3id.org/dih/source/produtech/produtech-dih-national-platform> a prov:Entity ; dih:sourceFile "sources/produtech/produtech-dih.yaml" }`],
];

describe('pipeline/produtech: every fact of the page is in the built graph', function () {
  let store: Store;
  let out: string;
  before(async function () {
    out = join(tempDir(), 'dist');
    const result = await build([SOURCES], { out });
    assert.equal(result.validation.violations, 0, 'the example sources validate');
    store = new Store(new Parser({ format: 'application/n-quads' }).parse(readFileSync(join(out, 'dih.nq'), 'utf8')));
  });
  for (const [fact, ask] of FACTS) {
    it(fact, async function () {
      const r = await runQuery(PREFIXES + ask, store, 'json');
      assert.deepEqual(JSON.parse(r.text), { head: {}, boolean: true }, ask);
    });
  }
  it('a named query answers who hosts PRODUTECH DIH', async function () {
    const text = readFileSync(new URL('../../queries/who-hosts-what.rq', import.meta.url), 'utf8');
    const r = await runQuery(text, store, 'json');
    const rows = (JSON.parse(r.text) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
    const row = rows.find((b) => b.hostedName?.value === 'PRODUTECH Digital Innovation Hub National Platform');
    assert.equal(row?.hostName?.value, 'PRODUTECH – Production Technologies Cluster');
  });
});
