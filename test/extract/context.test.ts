/**
 * Context rules for gazetteer mentions (src/extract/context.ts): a matched label states a fact
 * about the hub only where the context says so. Texts are written here in the registries' style,
 * with made-up hubs and places chosen so that each rule, and only it, decides the result.
 */
import assert from 'node:assert/strict';
import { extractFromDescription } from '../../src/extract/index.js';
import { proseGazetteer } from '../../src/extract/gazetteer.js';

function hub(text: string, hubName = 'Example Valley DIH (EVD)') {
  const r = extractFromDescription(text, { hubName, file: 'registry.json', recordId: 'urn:x:1', field: 'description.value' });
  const slug = (c: { iri?: string; label: string }) => (c.iri ?? c.label).split('/').pop();
  return { sectors: r.hub.sectors.map(slug).sort(), technologies: r.hub.technologies.map(slug).sort(), regions: [...r.hub.regions].sort() };
}

describe('extract/context: when a label in prose is a fact about the hub', function () {
  it('extract/context: "device manufacturing" names a process, "Estonian manufacturing" the sector', function () {
    assert.deepEqual(hub('The lab covers all steps from chip design through device manufacturing to system testing.').sectors, []);
    assert.deepEqual(hub('The lab offers rapid prototyping and additive manufacturing services.').sectors, []);
    assert.deepEqual(hub('EVD facilitates innovation in Estonian manufacturing.').sectors, ['manufacturing']);
  });

  it('extract/context: "cross-sectoral AI pilots" qualify the pilots; "cross-sectoral innovation" is the hub\'s scope', function () {
    assert.deepEqual(hub('Part of the budget funds cross-sectoral AI pilots in mining.').sectors.includes('cross-sectoral'), false);
    assert.deepEqual(hub('EVD fosters cross-sectoral innovation in the region.').sectors, ['cross-sectoral']);
  });

  it('extract/context/side-example: sectors of pilots and use cases are examples; the hub\'s stated focus wins', function () {
    const own = 'EVD focuses on the manufacturing industry.';
    assert.deepEqual(hub(`${own} Part of the budget funds AI pilots in health technology and tourism.`).sectors, ['manufacturing']);
    assert.deepEqual(hub(`EVD runs use cases in agriculture and tourism. ${own}`).sectors, ['manufacturing']);
    assert.deepEqual(hub(`${own} It also focuses on tourism.`).sectors, ['manufacturing', 'tourism']);
    // with no focus stated elsewhere, the pilots' sectors are the only evidence and stay
    assert.deepEqual(hub('EVD runs AI pilots in tourism.').sectors, ['tourism']);
  });

  it('extract/context/organisation-kind: "public sector entities" are a target group; the public administration sector is a sector', function () {
    assert.deepEqual(hub('EVD targets MSMEs, startups, public sector entities and rural communities.').sectors, []);
    assert.deepEqual(hub('EVD serves SMEs, start-ups and public sector organisations (PSOs).').sectors, []);
    assert.deepEqual(hub('EVD serves the public administration sector.').sectors, ['public-administration']);
    assert.deepEqual(hub('EVD supports digital innovation in the public sector domain.').sectors, ['public-administration']);
    assert.deepEqual(hub('EVD is active in 3 sectors: manufacturing, public sector and tourism.').sectors, ['manufacturing', 'public-administration', 'tourism']);
  });

  it('extract/context: a place inside an organisation\'s name is not the hub\'s region', function () {
    const text = 'EVD is located in Berlin.The Technische Hochschule Brandenburg (THB) oversees the projects.';
    assert.deepEqual(hub(text).regions, ['DE30']);
    assert.deepEqual(hub('EVD works with the University of Brandenburg and is located in Berlin.').regions, ['DE30']);
  });

  it('extract/context: the places of a sentence about another branch are not the hub\'s region', function () {
    const text = 'It is the Trento branch of EVD, serving the companies of the province of Trento.The other branch is located in Bolzano, serving the province of Bolzano.';
    assert.deepEqual(hub(text).regions, ['ITH2']);
    assert.deepEqual(hub('EVD serves the companies of the province of Bolzano.').regions, ['ITH1']);
  });

  it('extract/context: a common word is a sector when listed with sectors or after a focus cue, not otherwise', function () {
    assert.deepEqual(hub('EVD promotes adoption across sectors such as fintech, healthcare, education, and agriculture.').sectors.includes('education'), true);
    assert.deepEqual(hub('We focus on Health and Well-being in the city.').sectors, ['healthcare']);
    assert.deepEqual(hub('EVD offers training and education to its staff about health.').sectors, []);
  });

  it('extract/context: "cloud" is the computing technology before an infrastructure noun or after "on"', function () {
    assert.deepEqual(hub('EVD offers experimentation space on cloud including storage.').technologies, ['cloud-computing']);
    assert.deepEqual(hub('A service of cloud operator is offered.').technologies, ['cloud-computing']);
    assert.deepEqual(hub('The sky was without a cloud that day.').technologies, []);
  });

  it('extract/context: a technology in the hub\'s own name is the hub\'s, evidenced by prose when prose names it too', function () {
    assert.deepEqual(hub('Robotics Place is a cluster of companies and universities.', 'Robotics Place').technologies, ['robotics']);
    // a linked hub's name is still no fact about the described hub
    assert.deepEqual(hub('EVD is a founding member of the Robotics Valley DIH.').technologies, []);
  });
});

describe('extract/gazetteer: technology labels without their generic head', function () {
  it('extract/gazetteer finds "location based" data as Location-based technologies, not single qualifiers', function () {
    const g = proseGazetteer();
    const text = 'geospatial or location based open data';
    assert.deepEqual(g.scan(text).filter((m) => m.kind === 'technology').map((m) => text.slice(m.start, m.end)), ['location based']);
    // "Logistics technologies" leaves one word, a common one: not indexed on its own
    assert.deepEqual(g.scan('the logistics of the event').filter((m) => m.kind === 'technology'), []);
  });
});
