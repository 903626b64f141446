import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/log';
import { DATA_KEY_ENV, DATA_KEY_FILE, takeDataKeyFromEnv, unlockDataKey, type Keychain } from '../../../electron/core/secrets/data-key';
import { fileModeSealer, keySealer } from '../../../electron/core/secrets/secret-sealer';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { dataPaths } from '../../../electron/core/paths';
import { LIBRARY_KEY_FILE } from '../../../electron/core/secrets/library-key';
import { openTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';
import { refusal } from '../../helpers/refusal';

/** A stand-in for the OS keychain (Electron's safeStorage cannot run here): wraps with a per-"computer" secret. */
function fakeKeychain(computer: string, available = true): Keychain {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`${computer}:${Buffer.from(text).toString('hex')}`),
    decryptString: (sealed) => {
      const [owner, hex] = sealed.toString().split(':');
      if (owner !== computer) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(hex!, 'hex').toString();
    },
  };
}

const TOKEN = 'lede_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('secrets outside the database', () => {
  it('keeps a secret in a 600 file, cached, and removes it', () => {
    const dir = makeTempDir();
    const store = new SecretStore(dir, fileModeSealer, silentLogger);
    expect(store.get('sync-token')).toBeNull();
    store.set('sync-token', TOKEN);
    const file = path.join(dir, 'secrets', 'sync-token');
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(new SecretStore(dir, fileModeSealer, silentLogger).get('sync-token')).toBe(TOKEN);
    store.set('sync-token', null);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.get('sync-token')).toBeNull();
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    expect(() => store.set('../escape', 'x')).toThrow(/Not a secret name/);
  });

  it('with a keychain-held key, the file does not contain the secret, and another key cannot read it', () => {
    const dir = makeTempDir();
    const { key } = unlockDataKey(dir, fakeKeychain('laptop-1'), silentLogger);
    expect(key).not.toBeNull();
    new SecretStore(dir, keySealer(key!), silentLogger).set('sync-token', TOKEN);
    const bytes = fs.readFileSync(path.join(dir, 'secrets', 'sync-token'));
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    expect(bytes.includes(Buffer.from(TOKEN.slice(5, 20)))).toBe(false);
    // The same computer's keychain opens it again after a restart.
    const again = unlockDataKey(dir, fakeKeychain('laptop-1'), silentLogger);
    expect(again).toEqual({ key, problem: null });
    expect(new SecretStore(dir, keySealer(again.key!), silentLogger).get('sync-token')).toBe(TOKEN);
    // The folder copied to another computer: its keychain cannot open the key, so the token is simply gone.
    const elsewhere = unlockDataKey(dir, fakeKeychain('stolen-copy'), silentLogger);
    expect(elsewhere.problem).toContain('keychain could not open');
    expect(elsewhere.key!.equals(key!)).toBe(false);
    expect(new SecretStore(dir, keySealer(elsewhere.key!), silentLogger).get('sync-token')).toBeNull();
  });

  it('without a keychain there is no key, and secrets rely on their file mode', () => {
    const dir = makeTempDir();
    expect(unlockDataKey(dir, fakeKeychain('laptop', false), silentLogger)).toEqual({ key: null, problem: null });
    expect(fs.existsSync(path.join(dir, DATA_KEY_FILE))).toBe(false);
  });

  it('a damaged sealed file or wrapped key is treated as absent, never as a crash', () => {
    const dir = makeTempDir();
    const { key } = unlockDataKey(dir, fakeKeychain('laptop'), silentLogger);
    const store = new SecretStore(dir, keySealer(key!), silentLogger);
    store.set('sync-token', TOKEN);
    const file = path.join(dir, 'secrets', 'sync-token');
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(file, bytes);
    expect(new SecretStore(dir, keySealer(key!), silentLogger).get('sync-token')).toBeNull();
    fs.writeFileSync(path.join(dir, DATA_KEY_FILE), 'laptop:00ff');
    expect(unlockDataKey(dir, fakeKeychain('laptop'), silentLogger).problem).toContain('damaged');
  });

  it('the core process takes the key out of its environment, so no child process inherits it', () => {
    const key = Buffer.alloc(32, 7);
    const env: NodeJS.ProcessEnv = { [DATA_KEY_ENV]: key.toString('base64'), PATH: '/usr/bin' };
    expect(takeDataKeyFromEnv(env)!.equals(key)).toBe(true);
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(takeDataKeyFromEnv({ [DATA_KEY_ENV]: 'short' })).toBeNull();
  });

  it('never replaces a data key that an encrypted library is keyed from: refused with db_key_missing, nothing changed', async () => {
    const dir = makeTempDir();
    const { key } = unlockDataKey(dir, fakeKeychain('laptop'), silentLogger);
    const core = openTestCore({ dataDir: dir, dataKey: key });
    await core.close();
    const wrapped = fs.readFileSync(path.join(dir, DATA_KEY_FILE));
    const library = fs.readFileSync(dataPaths(dir).database);
    // The keychain was reset, or the folder came from another computer:
    const error = refusal(() => unlockDataKey(dir, fakeKeychain('another-computer'), silentLogger));
    expect(error.code).toBe('db_key_missing');
    expect(error.message).toContain(path.join(dir, DATA_KEY_FILE));
    expect(error.message).toContain('keychain could not open');
    expect(fs.readFileSync(path.join(dir, DATA_KEY_FILE)).equals(wrapped)).toBe(true);
    expect(fs.readFileSync(dataPaths(dir).database).equals(library)).toBe(true);
    // Nor is one made when the wrapped key is gone.
    fs.rmSync(path.join(dir, DATA_KEY_FILE));
    expect(refusal(() => unlockDataKey(dir, fakeKeychain('laptop'), silentLogger)).message).toContain('is missing');
    expect(fs.existsSync(path.join(dir, DATA_KEY_FILE))).toBe(false);
  });

  it('still replaces an unreadable data key when the library does not depend on it (its own key file, or no library yet)', async () => {
    const dir = makeTempDir();
    unlockDataKey(dir, fakeKeychain('laptop'), silentLogger);
    // A library keyed by its key file (made where there was no keychain):
    await openTestCore({ dataDir: dir }).close();
    expect(fs.existsSync(path.join(dir, LIBRARY_KEY_FILE))).toBe(true);
    const replaced = unlockDataKey(dir, fakeKeychain('another-computer'), silentLogger);
    expect(replaced.problem).toContain('keychain could not open');
    expect(replaced.key).not.toBeNull();
    const empty = makeTempDir();
    unlockDataKey(empty, fakeKeychain('laptop'), silentLogger);
    expect(unlockDataKey(empty, fakeKeychain('another-computer'), silentLogger).key).not.toBeNull();
  });
});

