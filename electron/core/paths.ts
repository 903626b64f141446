import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Lede';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')`
 * gives for an app named "Lede", computed without Electron so the web shell
 * and the desktop app share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', APP_NAME);
  }
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export interface DataPaths {
  root: string;
  database: string;
  lock: string;
  lockInfo: string;
  logs: string;
  backups: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: path.join(root, 'lede.sqlite'),
    lock: path.join(root, 'lede.lock'),
    lockInfo: path.join(root, 'lede.lock.json'),
    logs: path.join(root, 'logs'),
    backups: path.join(root, 'backups'),
  };
}
