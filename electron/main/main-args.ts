/**
 * The one option main takes: another data folder than Electron's userData,
 * as `--data-dir DIR` / `--data-dir=DIR` or the LEDE_DATA_DIR environment
 * variable (tests, and people keeping two libraries). Other arguments belong
 * to Electron and Chromium (and Playwright) and are left alone.
 */
export const DATA_DIR_ENV = 'LEDE_DATA_DIR';

export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir' && argv[i + 1]) return argv[i + 1]!;
    if (arg.startsWith('--data-dir=') && arg.length > '--data-dir='.length) return arg.slice('--data-dir='.length);
  }
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : null;
}
