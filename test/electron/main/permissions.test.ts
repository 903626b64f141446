import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, isPermissionGranted } from '../../../electron/main/permissions';

describe('web permissions', () => {
  it('allows only writing to the clipboard, and only to our page', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://lede/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://lede')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.org/')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it.each(['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'midiSysex', 'display-capture', 'unknown'])(
    'denies %s even to our page',
    (permission) => {
      expect(isPermissionGranted(permission, 'app://lede/index.html')).toBe(false);
    },
  );
});
