/**
 * A folder of the system's temporary files for what a build puts aside on disk (the findings of a
 * build in batches): removed by `remove`, and whatever happens at the latest when the process
 * exits or is interrupted (Ctrl-C, kill).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchDir {
  readonly path: string;
  remove(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function scratchDir(prefix: string): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    rmSync(path, { recursive: true, force: true });
  };
  // Interrupted: the folder goes, then the signal takes its course (as the publication's stage does).
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    process.kill(process.pid, signal);
  };
  process.on('exit', remove);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return { path, remove };
}
