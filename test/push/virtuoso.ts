/**
 * A real Virtuoso (Debian virtuoso-opensource, /usr/bin/virtuoso-t) for the push tests: its own
 * database folder and virtuoso.ini under a temporary folder, SQL and HTTP ports on 127.0.0.1 that
 * were free a moment ago, a dba password of its own, and a stop that ends exactly the process it
 * started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VIRTUOSO = '/usr/bin/virtuoso-t';
export const ISQL = '/usr/bin/isql-vt';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function ini(dir: string, sqlPort: number, httpPort: number): string {
  return `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
MaxClientConnections = 5
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
`;
}

export class VirtuosoInstance {
  private constructor(readonly dir: string, readonly sqlPort: number, readonly httpPort: number, readonly password: string, private readonly child: ChildProcess) {}

  get graphStore(): string { return `http://127.0.0.1:${this.httpPort}/sparql-graph-crud-auth`; }
  get sparql(): string { return `http://127.0.0.1:${this.httpPort}/sparql`; }
  /** The Graph Store endpoint behind HTTP Basic that {@link defineBasicGraphStore} adds. */
  get basicGraphStore(): string { return `http://127.0.0.1:${this.httpPort}/sparql-graph-crud-basic`; }

  /**
   * A free port found by the test can be taken by another process before Virtuoso binds it (tests
   * and CI run servers side by side): a failed listen is retried on new ports.
   */
  static async start(): Promise<VirtuosoInstance> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await VirtuosoInstance.startOnce();
      } catch (err) {
        if (attempt >= 3 || !/Failed (HTTP )?listen/.test((err as Error).message)) throw err;
      }
    }
  }

  private static async startOnce(): Promise<VirtuosoInstance> {
    if (!existsSync(VIRTUOSO)) throw new Error(`${VIRTUOSO} is missing: apt-get install virtuoso-opensource (.ci/run does)`);
    const dir = mkdtempSync(join(tmpdir(), 'dih-ld-virtuoso-'));
    const [sqlPort, httpPort] = [await freePort(), await freePort()];
    writeFileSync(join(dir, 'virtuoso.ini'), ini(dir, sqlPort, httpPort));
    const child = spawn(VIRTUOSO, ['+configfile', join(dir, 'virtuoso.ini'), '+foreground'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
    child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
    const deadline = Date.now() + 60_000;
    while (!/HTTP server online/.test(output) || !/Server online at/.test(output)) {
      if (child.exitCode !== null) throw new Error(`virtuoso-t exited (${child.exitCode}): ${output.slice(-2000)}`);
      if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`virtuoso-t did not come up in 60 s: ${output.slice(-2000)}`); }
      await new Promise((r) => setTimeout(r, 200));
    }
    const password = `dih${Math.random().toString(36).slice(2, 12)}`;
    const instance = new VirtuosoInstance(dir, sqlPort, httpPort, password, child);
    try {
      // A password of our own instead of the well-known default; dba already holds SPARQL_UPDATE.
      instance.sql(`DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '${password}');`, 'dba');
    } catch (err) {
      await instance.stop();
      throw err;
    }
    return instance;
  }

  /** Runs SQL through isql-vt as dba; throws with isql's output on error. */
  sql(statements: string, password = this.password): string {
    const r = spawnSync(ISQL, [`127.0.0.1:${this.sqlPort}`, 'dba', password, `exec=${statements}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0 || /\*\*\* Error/.test(r.stdout + r.stderr)) throw new Error(`isql failed: ${r.stdout}${r.stderr}`);
    return r.stdout;
  }

  /**
   * A Graph Store endpoint that asks for HTTP Basic instead of Digest: the built-in
   * /sparql-graph-crud-auth definition with only `sec` changed. Its `exec_as_get` option matters:
   * without it Virtuoso never answers a PUT or POST that carries a body.
   */
  defineBasicGraphStore(): void {
    this.sql(`DB.DBA.VHOST_DEFINE(lhost=>'*ini*', vhost=>'*ini*', lpath=>'/sparql-graph-crud-basic', ppath=>'/!sparql-graph-crud/', is_dav=>1, vsp_user=>'dba', ses_vars=>0, opts=>vector('noinherit', 1, 'exec_as_get', 1), auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL', sec=>'basic');`);
  }

  /** A user that may write graphs (SPARQL_UPDATE) and nothing else. */
  createWriter(user: string, password: string): void {
    this.sql(`DB.DBA.USER_CREATE('${user}', '${password}'); GRANT SPARQL_UPDATE TO "${user}";`);
  }

  /** A user that may log in but has no right to write graphs. */
  createReadOnlyUser(user: string, password: string): void {
    this.sql(`DB.DBA.USER_CREATE('${user}', '${password}'); GRANT SPARQL_SELECT TO "${user}";`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    return existsSync(join(this.dir, 'virtuoso.log')) ? readFileSync(join(this.dir, 'virtuoso.log'), 'utf8') : '';
  }
}
