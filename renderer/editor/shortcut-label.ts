/** Turns a Tiptap key name ("Mod-Shift-8") into what a person presses on this machine, and matches key events against it. */

export function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}

const APPLE_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃', ArrowLeft: '←', ArrowRight: '→', Enter: '↩' };
const OTHER_NAMES: Record<string, string> = { Mod: 'Ctrl', Shift: 'Shift', Alt: 'Alt', Ctrl: 'Ctrl', ArrowLeft: '←', ArrowRight: '→' };

/** The keys of a shortcut, one name per key ("Ctrl", "Shift", "B"), for <kbd> elements. */
export function shortcutKeys(keys: string, apple = isApplePlatform()): string[] {
  return keys.split(/-(?!$)/).map((part) => {
    const named = (apple ? APPLE_SYMBOLS : OTHER_NAMES)[part];
    return named ?? (part.length === 1 ? part.toUpperCase() : part);
  });
}

export function shortcutLabel(keys: string, apple = isApplePlatform()): string {
  const parts = shortcutKeys(keys, apple);
  return apple ? parts.join('') : parts.join('+');
}

/** "Bold (Ctrl+B)": a control's title naming its shortcut. */
export function withShortcut(label: string, keys?: string): string {
  return keys ? `${label} (${shortcutLabel(keys)})` : label;
}

/** The aria-keyshortcuts value of a shortcut ("Control+Shift+8"). */
export function ariaKeyShortcuts(keys: string, apple = isApplePlatform()): string {
  const names: Record<string, string> = { Mod: apple ? 'Meta' : 'Control', Ctrl: 'Control', Alt: 'Alt', Shift: 'Shift' };
  return keys
    .split(/-(?!$)/)
    .map((part) => names[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

/**
 * Whether a key event is this shortcut, with exactly its modifiers. Letters
 * and digits are matched by their place on the keyboard (event.code), because
 * with Alt on a Mac, Alt+N types "˜" and event.key is no help.
 */
export function matchesShortcut(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  keys: string,
  apple = isApplePlatform(),
): boolean {
  const parts = keys.split(/-(?!$)/);
  const key = parts.pop()!;
  const wanted = { ctrl: false, meta: false, alt: false, shift: false };
  for (const part of parts) {
    if (part === 'Mod') wanted[apple ? 'meta' : 'ctrl'] = true;
    else if (part === 'Ctrl') wanted.ctrl = true;
    else if (part === 'Alt') wanted.alt = true;
    else if (part === 'Shift') wanted.shift = true;
  }
  if (event.ctrlKey !== wanted.ctrl || event.metaKey !== wanted.meta || event.altKey !== wanted.alt || event.shiftKey !== wanted.shift) return false;
  if (/^[a-z]$/i.test(key)) return event.code === `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`;
  if (key === '/') return event.key === '/' || event.code === 'Slash';
  return event.key === key;
}
