import { APP_ORIGIN, originOf } from './url-policy';

/**
 * Web permissions the page may use. Writing plain text to the clipboard
 * (copy buttons) is the only one; pasting goes through the Edit menu and
 * keyboard, which need no permission, and Electron's spellchecker needs none
 * either. Camera, microphone, notifications, geolocation, devices, opening
 * external apps and the rest are denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Granted only for an allowed permission asked for by our own page. */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && originOf(requestingUrl) === APP_ORIGIN;
}
