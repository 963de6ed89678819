/** util/scratch: what a build puts aside on disk goes when asked, when the process exits, and when it is interrupted. */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeOrphanedScratch, scratchDir } from '../../src/util/scratch.js';
import { ROOT } from '../helpers/paths.js';

/** A process that makes a scratch folder with a file in it, prints its path, then `then` (code). */
const childScript = (then: string): string =>
  `import { writeFileSync } from 'node:fs'; import { join } from 'node:path'; import { scratchDir } from './src/util/scratch.ts'; const d = scratchDir('test'); writeFileSync(join(d.path, 'x'), 'x'); console.log(d.path); ${then}`;

describe('util/scratch', function () {
  this.timeout(60_000);

  it('util/scratch/remove takes the folder and what is in it; twice is harmless', function () {
    const dir = scratchDir('test');
    writeFileSync(join(dir.path, 'x'), 'x');
    assert.ok(existsSync(join(dir.path, 'x')));
    dir.remove();
    assert.equal(existsSync(dir.path), false);
    dir.remove();
  });

  it('util/scratch/a folder not removed goes when the process exits', function () {
    const dir = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript('')], { cwd: ROOT, encoding: 'utf8' }).trim();
    assert.match(dir, /dih-scratch-\d+-test-/);
    assert.equal(existsSync(dir), false, `${dir} is left behind`);
  });

  it('util/scratch/the folder of a process killed outright (SIGKILL) goes with the next scratch folder made; a running process keeps its own', async function () {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript('setInterval(() => undefined, 1000);')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    try {
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await ended;
      assert.ok(existsSync(dir), 'nothing cleans up after SIGKILL');
      const mine = scratchDir('test');
      try {
        assert.equal(existsSync(dir), false, `${dir} of the killed process is left behind`);
        assert.ok(existsSync(mine.path));
        assert.equal(removeOrphanedScratch(), 0, 'this process\'s own folder stays');
        assert.ok(existsSync(mine.path));
      } finally {
        mine.remove();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('util/scratch/an interrupted process (SIGTERM) leaves no folder, and still dies of the signal', async function () {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript('setInterval(() => undefined, 1000);')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    try {
      assert.ok(existsSync(dir));
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGTERM');
      assert.equal(await ended, 'SIGTERM');
      assert.equal(existsSync(dir), false, `${dir} is left behind`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
