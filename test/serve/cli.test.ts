/** serve/cli: `dih-ld serve` as a user runs it (compiled CLI, child process), and the query guard of `dih-ld query`. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { HUB, publication } from './fixture.js';

describe('serve/cli', function () {
  this.timeout(120_000);

  it('serve/cli dih-ld serve --port 0 answers SPARQL on 127.0.0.1 and stops cleanly on SIGTERM', async function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`make compile\` first`);
    const child = spawn(process.execPath, [CLI, 'serve', '--data', await publication(), '--port', '0', '--workers', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/sparql/.exec(stdout);
        if (m) resolve(m[1] as string);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      const r = await fetch(`${url}/sparql?query=${encodeURIComponent(`ASK { <${HUB}> ?p ?o }`)}`, { headers: { accept: 'application/sparql-results+json' } });
      assert.equal(r.status, 200);
      assert.match(await r.text(), /true/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
    assert.doesNotMatch(stderr, /dih\.nq\.idx/, 'a fresh query index is used without a notice');
  });

  it('serve/cli dih-ld serve refuses a bad --allow-service with a usage error', function () {
    const r = runCli(['serve', '--allow-service', 'file:///etc', '--port', '0']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--allow-service needs an http\(s\) endpoint URL/);
  });

  it('serve/cli dih-ld query has the same guard: SERVICE <file:...> and updates are refused', async function () {
    const data = await publication();
    const service = runCli(['query', 'SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }', '--data', data]);
    assert.equal(service.status, 1);
    assert.match(service.stderr, /SERVICE <file:\/\/\/etc\/passwd> is refused/);
    const remote = runCli(['query', 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }', '--data', data]);
    assert.equal(remote.status, 1);
    assert.match(remote.stderr, /is refused: no SERVICE endpoint is allowed/);
    const update = runCli(['query', 'DELETE WHERE { ?s ?p ?o }', '--data', data]);
    assert.equal(update.status, 1);
    assert.match(update.stderr, /read-only/);
  });
});
