/** The pages' view of a graph: a subject's facts, wherever its statements are in the input. */
import assert from 'node:assert/strict';
import { DataFactory, type Quad } from 'n3';
import { GraphView } from '../../src/publish/html/graph-view.js';
import { asPublicationOrder } from '../../src/publish/serialize.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { dih, org, rdf, skos } from '../../src/vocab/namespaces.js';

const { namedNode: iri, literal, quad } = DataFactory;
const ex = (s: string) => iri(`http://example.org/${s}`);

describe('publish/graph-view', function () {
  const concepts = loadConcepts();
  const g1 = ex('record/1'), g2 = ex('record/2');
  const quads: Quad[] = [
    quad(ex('hub'), iri(skos.prefLabel), literal('Hub', 'en'), g1),
    quad(ex('hub'), iri(rdf.type), iri(dih.DigitalInnovationHub), g1),
    quad(ex('m'), iri(rdf.type), iri(org.Membership), g1),
    quad(ex('m'), iri(org.member), ex('org'), g1),
    quad(ex('m'), iri(org.organization), ex('hub'), g1),
    quad(ex('hub'), iri(skos.altLabel), literal('B'), g2),
    quad(ex('hub'), iri(skos.altLabel), literal('A'), g2),
    quad(ex('hub'), iri(skos.altLabel), literal('A'), g1),
  ];

  /** What each reading of the view gives for the hub. */
  const readings = (view: GraphView) => ({
    props: view.properties(ex('hub').value).map(([p, objects]) => [p, objects.map((o) => o.value)]),
    alt: view.values(ex('hub').value, skos.altLabel).map((o) => o.value),
    graphs: view.graphsOf(ex('hub').value),
    hub: view.isA(ex('hub').value, dih.DigitalInnovationHub),
    hubs: view.subjectsOf(dih.DigitalInnovationHub),
    memberships: view.memberships,
    label: view.label(ex('hub').value),
  });

  it('publish/graph-view: facts by subject and predicate, duplicates across graphs once, the graphs stating them', function () {
    assert.deepEqual(readings(new GraphView(quads, concepts)), {
      props: [[rdf.type, [dih.DigitalInnovationHub]], [skos.altLabel, ['A', 'B']], [skos.prefLabel, ['Hub']]],
      alt: ['A', 'B'],
      graphs: [g1.value, g2.value],
      hub: true,
      hubs: [ex('hub').value],
      memberships: [{ iri: ex('m').value, member: ex('org').value, organization: ex('hub').value, role: '', onBehalfOf: [] }],
      label: 'Hub',
    });
  });

  it('publish/graph-view: triples given as sorted whose subject comes in two places read as one subject', function () {
    const split = asPublicationOrder([quads[1]!, quads[0]!, quads[2]!, quads[3]!, quads[4]!, quads[6]!, quads[5]!].map((q) => quad(q.subject, q.predicate, q.object)));
    const view = new GraphView(split, concepts);
    assert.deepEqual(view.values(ex('hub').value, skos.altLabel).map((o) => o.value), ['A', 'B']);
    assert.deepEqual(view.properties(ex('hub').value).map(([p]) => p), [rdf.type, skos.altLabel, skos.prefLabel]);
    assert.equal(view.isA(ex('hub').value, dih.DigitalInnovationHub), true);
    assert.equal(view.memberships.length, 1);
  });
});
