import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created = new Set<string>();
let cleanupRegistered = false;

/** A fresh folder per test; removed when the test process ends unless LEDE_KEEP_TEMP is set. */
export function makeTempDir(prefix = 'lede-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.add(dir);
  if (!cleanupRegistered && !process.env.LEDE_KEEP_TEMP) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const folder of created) fs.rmSync(folder, { recursive: true, force: true });
    });
  }
  return dir;
}
