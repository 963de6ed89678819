/**
 * extractFromDescription: registry prose to host, coordinator, partner organisations and linked
 * hubs, keyed for the registry readers (`hub` is the described hub). Texts are written here in the
 * registries' own style (run-together sentences, HTML entities), not copied from the exports.
 */
import assert from 'node:assert/strict';
import { extractFromDescription, HUB_KEY } from '../../src/extract/index.js';

const context = { hubName: 'Example Valley DIH (EVD)', file: 'registry.json', recordId: 'urn:x:1', field: 'description.value' };

function facts(text: string) {
  const r = extractFromDescription(text, context);
  const name = (k: string) => (k === HUB_KEY ? 'hub' : r.entities.find((e) => e.key === k)?.name);
  return { ...r, lines: r.relations.map((x) => `${name(x.holder)} ${x.role.label} ${name(x.target)}`).sort() };
}

describe('extract/description: registry prose to relations for the registry readers', function () {
  it('extract/description reads "hosted by", "coordinated by" and a partners list', function () {
    const text = 'EVD is hosted by the Regional Development Agency of Somewhere and is coordinated by Tech University Example.Its partners are the Example Chamber of Commerce, Robo Cluster and Data Institute Alpha.';
    const r = facts(text);
    assert.deepEqual(r.lines, [
      'Data Institute Alpha partner of hub',
      'Example Chamber of Commerce partner of hub',
      'Regional Development Agency of Somewhere hosts hub',
      'Robo Cluster partner of hub',
      'Tech University Example coordinates hub',
    ]);
    for (const rel of r.relations) {
      const s = rel.provenance?.span;
      assert.ok(s && text.slice(s.start, s.end) === s.exact);
      assert.ok((rel.provenance?.confidence ?? 0) > 0);
    }
  });

  it('extract/description reads "led by an RTO (ACRONYM)" as the named organisation, and linked networks with their role', function () {
    const r = facts('The hub is led by an RTO (ALPHA LAB) and is a member of the Example Robotics Network.');
    assert.deepEqual(r.lines, ['ALPHA LAB coordinates hub', 'hub member of Example Robotics Network']);
  });

  it('extract/description keeps an apposition out of a list and a possessive out of the coordinators', function () {
    const r = facts('EVD is a consortium of 12 entities, led by Ocean Forum (OF), Somewhere’s Blue Economy Cluster.');
    assert.deepEqual(r.lines, ['Ocean Forum coordinates hub']);
    assert.deepEqual(r.entities.find((e) => e.name === 'Ocean Forum')?.altNames, ['OF']);
  });

  it('extract/description attributes sectors and technologies to the hub, not a partner\'s name', function () {
    const r = extractFromDescription('We focus on artificial intelligence and robotics for the automotive industry. We are hosted by Robotics Institute Beta.', context);
    assert.deepEqual(r.hub.technologies.map((t) => t.iri?.split('/').pop()), ['artificial-intelligence', 'robotics']);
    assert.deepEqual(r.hub.sectors.map((t) => t.iri?.split('/').pop()), ['automotive']);
  });

  it('extract/description: no cue, no relation; empty text, no crash', function () {
    assert.deepEqual(facts('A nice place for companies to learn about digital things.').lines, []);
    assert.deepEqual(facts('').lines, []);
  });
});

describe('extract/description spans', function () {
  it('extract/description: with HTML entities decoded for names, spans still index the text as given', function () {
    const text = 'The R&amp;D hub&#39;s work is run by Alpha &amp; Beta Institute and is hosted by Gamma Lab.';
    const r = extractFromDescription(text, context);
    const names = r.entities.map((e) => e.name).sort();
    assert.deepEqual(names, ['Alpha & Beta Institute', 'Gamma Lab']);
    for (const e of r.entities) {
      const s = e.provenance?.span;
      assert.ok(s && text.slice(s.start, s.end) === s.exact, JSON.stringify(s));
    }
    for (const rel of r.relations) {
      const s = rel.provenance?.span;
      assert.ok(s && text.slice(s.start, s.end) === s.exact, JSON.stringify(s));
    }
    assert.equal(r.entities.find((e) => e.name === 'Gamma Lab')?.provenance?.span?.exact, 'Gamma Lab');
    assert.equal(r.entities.find((e) => e.name === 'Alpha & Beta Institute')?.provenance?.span?.exact, 'Alpha &amp; Beta Institute');
  });
});
