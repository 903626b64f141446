/** What the photo import dialog offers, and how dropped paths are checked before they go to core. */
export const MEDIA_DIALOG_FILTERS = [
  { name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'tif', 'tiff', 'heic', 'heif', 'avif'] },
  { name: 'All files', extensions: ['*'] },
];

const MAX_DROPPED = 20_000;

/** Paths from the preload's drop handler: strings only, absolute, a bounded number; anything else is dropped. */
export function droppedPaths(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is string => typeof item === 'string' && item.length > 0 && item.length <= 4096 && (item.startsWith('/') || /^[A-Za-z]:[\\/]/.test(item) || item.startsWith('\\\\')))
    .slice(0, MAX_DROPPED);
}
