/** Turns a Tiptap key name ("Mod-Shift-8") into what a person presses on this machine. */

function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}

const APPLE_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
const OTHER_NAMES: Record<string, string> = { Mod: 'Ctrl', Shift: 'Shift', Alt: 'Alt', Ctrl: 'Ctrl' };

export function shortcutLabel(keys: string, apple = isApplePlatform()): string {
  const parts = keys.split('-').map((part) => {
    const named = (apple ? APPLE_SYMBOLS : OTHER_NAMES)[part];
    return named ?? (part.length === 1 ? part.toUpperCase() : part);
  });
  return apple ? parts.join('') : parts.join('+');
}

/** "Bold (Ctrl+B)": a control's title naming its shortcut. */
export function withShortcut(label: string, keys?: string): string {
  return keys ? `${label} (${shortcutLabel(keys)})` : label;
}
