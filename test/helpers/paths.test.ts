import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** Runs a process that makes a temp folder (with a file in it) and prints its path. */
function folderOfAChild(env: NodeJS.ProcessEnv): string {
  const script = "import { writeFileSync } from 'node:fs'; import { join } from 'node:path'; import { tempDir } from './test/helpers/paths.ts'; const d = tempDir('dih-ld-helper-'); writeFileSync(join(d, 'x'), 'x'); console.log(d);";
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' }).trim();
}

describe('test/helpers/tempDir', function () {
  this.timeout(60_000);

  it('test/helpers/tempDir removes its folders, with what is in them, when the process exits', function () {
    const { DIH_KEEP_TEMP: _, ...env } = process.env;
    const dir = folderOfAChild(env);
    assert.match(dir, /dih-ld-helper-/);
    assert.equal(existsSync(dir), false, `${dir} is left behind`);
  });

  it('test/helpers/tempDir keeps them with DIH_KEEP_TEMP=1', function () {
    const dir = folderOfAChild({ ...process.env, DIH_KEEP_TEMP: '1' });
    try {
      assert.equal(existsSync(join(dir, 'x')), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
