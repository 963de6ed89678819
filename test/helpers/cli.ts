/** Runs the compiled CLI as a user would, capturing output and exit status. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, ROOT } from './paths.js';

export interface CliRun { status: number | null; stdout: string; stderr: string }

export function runCli(args: string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`make compile\` (make test does) before the CLI tests`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
