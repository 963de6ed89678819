/**
 * A folder of the system's temporary files for what a build puts aside on disk (the findings of a
 * build in batches): removed by `remove`, and whatever happens at the latest when the process
 * exits or is interrupted (Ctrl-C, kill). A process killed outright (SIGKILL, out of memory)
 * cannot clean up: its folders carry its pid, and the next scratch folder made removes those of
 * processes that no longer run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchDir {
  readonly path: string;
  remove(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Every scratch folder's name starts so: `dih-scratch-<pid>-<what>-<random>`. */
const NAME = /^dih-scratch-(\d+)-/;

export function scratchDir(what: string): ScratchDir {
  removeOrphanedScratch();
  const path = mkdtempSync(join(tmpdir(), `dih-scratch-${process.pid}-${what}-`));
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

/** Removes the scratch folders of processes that no longer run; how many. */
export function removeOrphanedScratch(dir = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || running(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
