import fs from 'node:fs';

/**
 * The data folder holds a reporter's notes on sources, the photo desk's
 * pictures and the sync account: on a shared computer, only the person who
 * runs Lede may read it. Folders are 700 and files 600 wherever the platform
 * has modes (Windows keeps the per-user ACL of the profile folder instead).
 *
 * Modes are set explicitly rather than through the process umask: core runs
 * inside other processes (tests, the web shell's Node process) whose umask
 * is not Lede's to change, and a folder made by an older Lede must be
 * tightened too.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const HAS_MODES = process.platform !== 'win32';

/** Creates the folder (and missing parents) private to this user; tightens it if it exists. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (HAS_MODES) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file private to this user; a file that is not there is left alone. */
export function makePrivateFile(file: string): void {
  if (!HAS_MODES) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Writes a small file that only this user may read (the mode applies when the file is created). */
export function writePrivateFileSync(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivateFile(file);
}
