import { safeStorage } from 'electron';
import type { Keychain } from '../core/secrets/data-key';

/**
 * The OS keychain through Electron's safeStorage (Keychain on macOS, DPAPI
 * on Windows, the Secret Service or KWallet on Linux). On Linux without one,
 * safeStorage falls back to a fixed, well-known password ("basic_text"),
 * which protects nothing: that counts as no keychain.
 */
export function electronKeychain(): Keychain {
  return {
    isEncryptionAvailable: () =>
      safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encryptString: (text) => safeStorage.encryptString(text),
    decryptString: (sealed) => safeStorage.decryptString(sealed),
  };
}
