import type { Logger } from '../core/log';
import { UpdateController, type UpdateNotice } from './update-controller';
import type { UpdateDecision } from './update-policy';

/**
 * Electron glue for updates: electron-updater on the newsroom's generic feed,
 * downloading in the background and installing on quit. Loaded only when
 * updates are on, so development builds and tests never touch it.
 */
export async function startUpdates(decision: UpdateDecision, log: Logger, notify: (notice: UpdateNotice) => void): Promise<UpdateController | null> {
  if (!decision.enabled) {
    log.info('updates off', { reason: decision.reason });
    return null;
  }
  try {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.logger = {
      info: (message?: unknown) => log.info(`updater: ${String(message)}`),
      warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
      error: (message?: unknown) => log.warn(`updater: ${String(message).split('\n')[0]}`),
      debug: () => {},
    };
    autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    const controller = new UpdateController({
      updater: autoUpdater,
      notify,
      log,
      clock: { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms).unref(), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    });
    controller.start();
    log.info('updates on', { feed: new URL(decision.feedUrl).host });
    return controller;
  } catch (error) {
    log.warn('updates could not start', { error });
    return null;
  }
}
