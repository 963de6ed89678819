/** ontology/index.html: the dih ontology (ontology/dih.ttl) as a reference page, one entry per class and property. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { dcterms, owl, rdf, rdfs } from '../../vocab/namespaces.js';
import { ontologyDir } from '../../util/paths.js';
import { esc, link, page } from './markup.js';

const KINDS: [string, string][] = [
  [owl.Class, 'Classes'],
  [owl.ObjectProperty, 'Object properties'],
  [owl.DatatypeProperty, 'Datatype properties'],
];

export function ontologyQuads(): Quad[] {
  return new Parser().parse(readFileSync(join(ontologyDir(), 'dih.ttl'), 'utf8'));
}

/** Labels of the ontology's terms, for the hub pages' fact names. */
export function ontologyLabels(quads: Quad[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const q of quads) if (q.predicate.value === rdfs.label && q.object.termType === 'Literal' && (!q.object.language || q.object.language === 'en')) out.set(q.subject.value, q.object.value);
  return out;
}

export function ontologyPage(quads: Quad[]): string {
  const values = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
  const short = (iri: string) => iri.replace('https://w3id.org/dih/ns#', 'dih:');
  const ontology = quads.find((q) => q.predicate.value === rdf.type && q.object.value === owl.Ontology)?.subject.value ?? '';
  const entry = (iri: string): string => {
    const rows: [string, string[]][] = [
      ['Subclass of', values(iri, rdfs.subClassOf)], ['Subproperty of', values(iri, rdfs.subPropertyOf)],
      ['Domain', values(iri, rdfs.domain)], ['Range', values(iri, rdfs.range)], ['See also', values(iri, rdfs.seeAlso)],
    ];
    const anchor = iri.slice(iri.lastIndexOf('#') + 1);
    return `<section class="term" id="${esc(anchor)}">\n<h3>${esc(values(iri, rdfs.label)[0] ?? short(iri))} <code>${esc(short(iri))}</code></h3>\n<p>${esc(values(iri, rdfs.comment)[0] ?? '')}</p>\n` +
      `<dl class="facts">${rows.filter(([, v]) => v.length).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v.map((x) => (x.startsWith('https://w3id.org/dih/ns#') ? link(`#${x.slice(x.indexOf('#') + 1)}`, short(x)) : link(x, x, ' class="iri"'))).join('<br>')}</dd>`).join('')}</dl>\n</section>`;
  };
  const sections = KINDS.map(([cls, title]) => {
    const terms = quads.filter((q) => q.predicate.value === rdf.type && q.object.value === cls && q.subject.value.startsWith('https://w3id.org/dih/ns#')).map((q) => q.subject.value).sort();
    return terms.length ? `<h2>${esc(title)}</h2>\n<ul class="toc">${terms.map((t) => `<li>${link(`#${t.slice(t.indexOf('#') + 1)}`, short(t))}</li>`).join('')}</ul>\n${terms.map(entry).join('\n')}` : '';
  });
  const body = [
    `<h1>${esc(values(ontology, dcterms.title)[0] ?? 'dih-ld ontology')}</h1>`,
    `<p>Namespace <code>https://w3id.org/dih/ns#</code> (prefix <code>dih</code>), version ${esc(values(ontology, owl.versionIRI)[0] ?? '')}, licence ${link(values(ontology, dcterms.license)[0] ?? '#', values(ontology, dcterms.license)[0] ?? '')}.</p>`,
    `<p>${esc(values(ontology, dcterms.description)[0] ?? '')}</p>`,
    ...sections,
  ].join('\n');
  return page({ title: 'dih-ld ontology reference', root: '../', body, description: 'Reference of the dih-ld ontology: classes and properties' });
}
