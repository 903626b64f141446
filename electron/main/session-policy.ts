import type { Session } from 'electron';
import type { Logger } from '../core/log';
import { isPermissionGranted } from './permissions';

/** Permission and device requests of the session the window uses: denied unless permissions.ts allows them. */
export function applySessionPolicy(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl);
    if (!granted) log.info('permission request denied', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
