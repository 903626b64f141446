import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * How a secret (the sync token) is kept on disk. In Electron the main
 * process unwraps a data key from the OS keychain (safeStorage) and hands it
 * to core, which seals secrets with it (AES-256-GCM): a copied data folder
 * without the person's keychain is no use. The web shell has no keychain
 * to ask: there the secret file's own 600 mode is what protects it.
 */
export interface SecretSealer {
  /** Shown in logs and the admin guide: what protects the secrets. */
  readonly protection: 'os-keychain' | 'file-mode';
  seal(plain: Buffer): Buffer;
  /** Throws when the bytes were not sealed with this sealer's key. */
  unseal(sealed: Buffer): Buffer;
}

export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

export function keySealer(key: Buffer): SecretSealer {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key has ${DATA_KEY_BYTES} bytes, not ${key.length}.`);
  return {
    protection: 'os-keychain',
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    unseal(sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('not a sealed secret');
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}

export const fileModeSealer: SecretSealer = {
  protection: 'file-mode',
  seal: (plain) => Buffer.from(plain),
  unseal: (sealed) => Buffer.from(sealed),
};
