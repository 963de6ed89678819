#!/usr/bin/env node
/**
 * dih-ld command line: a thin shell over the library API. Each command's module is imported
 * only when that command runs, so `dih-ld --help` starts fast.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './commands/args.js';

const HELP = `dih-ld: Digital Innovation Hub descriptions to validated, queryable linked data

Usage:
  dih-ld build <source>... [--out dist] [--base IRI] [--publication-base URL] [--strict] [--include-personal-data]
               [--batch-hubs N] [--quiet | --verbose]
      Read sources (YAML records, folders of them), map them to RDF, validate, and publish
      dih.ttl, dih.jsonld, dih.nt, dih.nq, dih.rdf and validation-report.ttl into --out, atomically,
      with the DCAT-AP catalogue (catalog.ttl/.jsonld/.rdf), void.ttl and the HTML site; download
      URLs point under --publication-base (where dist/ is served; default: the base).
      Registry exports (JRC NGSI-LD .json, JRC API GeoJSON .json, EDIH .xlsx/.csv) are merged:
      links.csv and conflicts.csv list which records became one hub and where they disagree.
      People's names, e-mails and phones are published only with --include-personal-data.
      Catalogue pages (.txt) are read by the extractor; violations are printed in full, warnings
      counted by message (each one with --verbose). Above 2000 canonical hubs the hubs are published
      50 at a time (with --batch-hubs N: above N hubs, N at a time), so memory stays bounded (no
      query index is written then).
  dih-ld validate <dist-or-source>... [--base IRI]
      Validate a publication (its dih.nq) or sources against the SHACL shapes in shapes/.
      Prints each result (hub, property, value, message, source file and record). Exit 1 on violations.
  dih-ld query <sparql | file.rq | name> [--data dist] [--format table|json|xml|csv|tsv|turtle|ntriples|jsonld]
               [--allow-service URL]...
      Run a SPARQL query over a publication. Named queries live in queries/. Updates, and SERVICE
      to anything but the --allow-service endpoints, are refused before the query runs.
  dih-ld index [--data dist]
      Write the query index (dih.nq.idx) of a publication from its dih.nq. A build writes it, except
      a build in batches; without it query and serve parse dih.nq each time they start.
  dih-ld serve [--data dist] [--port 3030] [--host 127.0.0.1] [--allow-service URL]... [--timeout 30]
               [--max-rows 10000] [--max-body 1048576] [--workers N] [--cors] [--no-cache] [--base IRI]
      Serve a publication: SPARQL 1.1 Protocol endpoint and query page at /sparql, every IRI under
      the base dereferenceable (/hub/<slug>), the dumps, catalogue and VoID. Read-only; SERVICE only
      to the --allow-service endpoints.
  dih-ld extract <page.txt>... [--base IRI]
      Extract the facts of catalogue pages into reviewable YAML records on stdout (every fact with
      its text span and confidence); correct them, then build from the YAML.
  dih-ld mqa <dist> [--dcat-ap-shapes DIR] [--publication-base URL] [--json]
      Score the publication's DCAT-AP catalogue against the data.europa.eu metadata quality
      indicators (MQA), by indicator, with the total and the rating.
  dih-ld push <dist> --graph-store URL [--user U --password P] [--sparql URL] [--base IRI]
      Load every named graph of a publication into a triple store (SPARQL 1.1 Graph Store
      Protocol, one PUT per graph, Basic or Digest auth), then verify each by a COUNT query.
      Prints what landed, graph by graph. Exit 1 when any graph did not land.
  dih-ld explain <hub name or IRI> [--data dist]
      Which source records were merged into a hub and why (score and evidence), and the
      conflicts between them, read from the publication's links.csv and conflicts.csv.
  dih-ld help | --help | -h        This text.
  dih-ld --version                 The version.

Exit status: 0 success, 1 violations or input errors, 2 usage errors.
`;

type Handler = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  build: async (args) => (await import('./commands/build.js')).buildCommand(args),
  validate: async (args) => (await import('./commands/validate.js')).validateCommand(args),
  query: async (args) => (await import('./commands/query.js')).queryCommand(args),
  index: async (args) => (await import('./commands/index-command.js')).indexCommand(args),
  mqa: async (args) => (await import('./commands/mqa.js')).mqaCommand(args),
  push: async (args) => (await import('./commands/push.js')).pushCommand(args),
  serve: async (args) => (await import('./commands/serve.js')).serveCommand(args),
  extract: async (args) => (await import('./commands/extract.js')).extractCommand(args),
  explain: async (args) => (await import('./commands/explain.js')).explainCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    process.stderr.write(`dih-ld: unknown command ${JSON.stringify(command)}\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  return handler(rest);
}

{
  // A reader that stops early (`dih-ld query ... | head`) closes the pipe: the output is wanted no
  // further, as for any Unix tool, and is not an error with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`dih-ld: ${err.message}\n(see dih-ld --help)\n`);
        process.exitCode = 2;
        return;
      }
      const e = err as Error & { context?: Record<string, unknown> };
      const where = e.context && Object.keys(e.context).length ? ` [${Object.entries(e.context).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}]` : '';
      process.stderr.write(`dih-ld: ${e.message}${where}\n`);
      process.exitCode = 1;
    },
  );
}
