/**
 * Atomic publication: everything is written into a temporary sibling folder, then swapped in
 * with renames, so a failed or killed build leaves the previous publication as it was.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type PublicationFiles = Map<string, string | Uint8Array>;

/** Temporary folders of earlier runs that were killed midway: removed before a new build. */
export function removeStaleTemporaries(outDir: string): void {
  const parent = dirname(resolve(outDir));
  const prefix = `.${basename(resolve(outDir))}.`;
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * A publication being written: files go into a temporary sibling folder as soon as they are
 * ready (a build writes the dumps while other threads still work), and `commit` swaps the folder
 * in. Until then the previous publication is untouched; `discard` removes the temporary folder.
 */
export class PublicationStage {
  private readonly target: string;
  readonly dir: string;
  private closed = false;
  /** Folders made so far: a site has thousands of pages in a few folders. */
  private readonly folders = new Set<string>();

  /** Interrupted (Ctrl-C, kill): the temporary folder goes, then the signal takes its course. */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.discard();
    process.kill(process.pid, signal);
  };

  constructor(outDir: string) {
    this.target = resolve(outDir);
    const parent = dirname(this.target);
    mkdirSync(parent, { recursive: true });
    removeStaleTemporaries(this.target);
    this.dir = mkdtempSync(join(parent, `.${basename(this.target)}.`));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, this.onSignal);
  }

  private close(): void {
    this.closed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, this.onSignal);
  }

  write(name: string, content: string | Uint8Array): void {
    if (this.closed) throw new Error(`publication ${this.target} is already committed or discarded`);
    const path = join(this.dir, name);
    if (!path.startsWith(this.dir + '/')) throw new Error(`refusing to write outside the publication: ${name}`);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    writeFileSync(path, content);
  }

  commit(): void {
    this.close();
    const old = `${this.dir}.old`;
    try {
      if (existsSync(this.target)) renameSync(this.target, old);
      renameSync(this.dir, this.target);
    } catch (err) {
      rmSync(this.dir, { recursive: true, force: true });
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
  }

  discard(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function writePublication(outDir: string, files: PublicationFiles): void {
  const stage = new PublicationStage(outDir);
  try {
    for (const [name, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) stage.write(name, content);
  } catch (err) {
    stage.discard();
    throw err;
  }
  stage.commit();
}
