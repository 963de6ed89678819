#!/usr/bin/env node
/**
 * dih-ld command line: a thin shell over the library API. Each command's module is imported
 * only when that command runs, so `dih-ld --help` starts fast.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './commands/args.js';

const HELP = `dih-ld: Digital Innovation Hub descriptions to validated, queryable linked data

Usage:
  dih-ld build <source>... [--out dist] [--base IRI] [--strict]
      Read sources (YAML records, folders of them), map them to RDF, validate, and publish
      dih.ttl, dih.jsonld, dih.nt, dih.nq and validation-report.ttl into --out, atomically.
  dih-ld validate <dist-or-source>... [--base IRI]
      Validate a publication (its dih.nq) or sources against the SHACL shapes in shapes/.
      Prints each result (hub, property, value, message, source file and record). Exit 1 on violations.
  dih-ld query <sparql | file.rq> [--data dist] [--format table|json|xml|csv|tsv|turtle|ntriples|jsonld]
      Run a SPARQL query over a publication. Named queries live in queries/.
  dih-ld help | --help | -h        This text.
  dih-ld --version                 The version.

Exit status: 0 success, 1 violations or input errors, 2 usage errors.
`;

type Handler = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  build: async (args) => (await import('./commands/build.js')).buildCommand(args),
  validate: async (args) => (await import('./commands/validate.js')).validateCommand(args),
  query: async (args) => (await import('./commands/query.js')).queryCommand(args),
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
