import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurablySync } from '../files/durable-files';
import { makePrivateDir } from '../files/private-files';
import { LedeError } from '../../../shared/errors';
import type { Logger } from '../log';
import { libraryDependsOnDataKey } from './library-key';
import { DATA_KEY_BYTES } from './secret-sealer';

/** What Electron's safeStorage offers, as far as the data key needs it (main passes the real one). */
export interface Keychain {
  /** False where the OS has no keychain to protect with (Linux without a secret service). */
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const DATA_KEY_FILE = path.join('secrets', 'data-key.keychain');
/** How main hands the unwrapped key to the core process (read once and removed from its environment). */
export const DATA_KEY_ENV = 'LEDE_DATA_KEY';

export interface DataKeyUnlock {
  /** Null: no keychain here; secrets are protected by their file mode only. */
  key: Buffer | null;
  /** For the log and the person: why earlier secrets could not be read. */
  problem: string | null;
}

/**
 * The data key that seals this data folder's secrets and, where no key file
 * says otherwise, keys the library database (ADR 0051); kept wrapped by the
 * OS keychain in `secrets/data-key.keychain`. Made on first use.
 *
 * A wrapped key the keychain cannot open (the keychain was reset, the folder
 * came from another computer), or one that is gone, is replaced only while
 * no encrypted library depends on it: then what it sealed is lost, which for
 * the sync token means signing in again — never a copied folder that still
 * works. Once the library is encrypted under it, a new key would make the
 * library unreadable for good, so that is refused (db_key_missing) and
 * nothing is changed.
 */
export function unlockDataKey(dataDir: string, keychain: Keychain, log: Logger): DataKeyUnlock {
  if (!keychain.isEncryptionAvailable()) {
    log.warn('no OS keychain: secrets are protected by their file mode only');
    return { key: null, problem: null };
  }
  const file = path.join(dataDir, DATA_KEY_FILE);
  let problem: string | null = null;
  if (fs.existsSync(file)) {
    try {
      const key = Buffer.from(keychain.decryptString(fs.readFileSync(file)), 'base64');
      if (key.length === DATA_KEY_BYTES) return { key, problem: null };
      problem = 'the saved data key is damaged';
    } catch (error) {
      problem = `the keychain could not open the saved data key (${(error as Error).message})`;
    }
  }
  if (libraryDependsOnDataKey(dataDir)) {
    throw new LedeError(
      'db_key_missing',
      `The library in ${dataDir} is encrypted with a key kept by this computer's keychain, and ` +
        (problem ? `${problem} (${file}).` : `the wrapped key ${file} is missing.`) +
        ' Lede has changed nothing. If the keychain was reset or this data folder came from another computer, open it where it was made, ' +
        'or put back the secrets folder that belongs to it; to start an empty library instead, move lede.sqlite aside.',
    );
  }
  if (problem) log.warn('data key replaced; secrets sealed with the old one are lost', { problem });
  const key = randomBytes(DATA_KEY_BYTES);
  makePrivateDir(path.dirname(file));
  writeFileDurablySync(file, keychain.encryptString(key.toString('base64')));
  return { key, problem };
}

/** In the core process: the key main passed, taken out of the environment so no child process inherits it. */
export function takeDataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const value = env[DATA_KEY_ENV];
  delete env[DATA_KEY_ENV];
  if (!value) return null;
  const key = Buffer.from(value, 'base64');
  return key.length === DATA_KEY_BYTES ? key : null;
}
