/** `dih-ld serve`: the SPARQL endpoint, dereferenceable IRIs and the query page, until stopped. */
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';
import { SERVE_DEFAULTS, startServer } from '../serve/server.js';
import { indexRefusedNotice } from '../query/quad-index-file.js';

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return n;
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: false, strict: true, options: {
    data: { type: 'string', short: 'd', default: 'dist' },
    host: { type: 'string', default: SERVE_DEFAULTS.host },
    port: { type: 'string', short: 'p' },
    base: { type: 'string' },
    'allow-service': { type: 'string', multiple: true },
    timeout: { type: 'string' },
    'max-rows': { type: 'string' },
    'max-body': { type: 'string' },
    workers: { type: 'string' },
    cors: { type: 'boolean', default: false },
    'no-cache': { type: 'boolean', default: false },
  } }));
  if (positionals.length) throw new UsageError('serve takes no positional arguments');
  for (const url of values['allow-service'] ?? []) {
    if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--allow-service needs an http(s) endpoint URL, not ${JSON.stringify(url)}`);
  }
  const running = await startServer({
    data: values.data,
    host: values.host,
    port: positiveInteger(values.port, 'port', SERVE_DEFAULTS.port),
    ...(values.base ? { base: values.base } : {}),
    allowService: values['allow-service'] ?? [],
    timeoutMs: positiveInteger(values.timeout, 'timeout', SERVE_DEFAULTS.timeoutMs / 1000) * 1000,
    maxRows: positiveInteger(values['max-rows'], 'max-rows', SERVE_DEFAULTS.maxRows),
    maxBodyBytes: positiveInteger(values['max-body'], 'max-body', SERVE_DEFAULTS.maxBodyBytes),
    ...(values.workers ? { workers: Math.max(1, positiveInteger(values.workers, 'workers', 1)) } : {}),
    cors: values.cors,
    cache: !values['no-cache'],
  });
  if (running.indexRefused) process.stderr.write(`dih-ld: ${indexRefusedNotice(values.data, running.indexRefused)}\n`);
  process.stdout.write(`dih-ld serving ${running.store.size} quads from ${values.data}\n  SPARQL endpoint and query page: ${running.url}/sparql\n  (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}
