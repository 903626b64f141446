/**
 * Binary Yjs updates travel inside JSON messages as base64. These helpers use
 * only atob/btoa so the same code runs in the renderer, core and tests.
 */
const CHUNK = 0x8000;

/**
 * Node's Buffer where there is one (core, the server): btoa over a binary
 * string took 30–90 ms for a 60,000-word story's state, Buffer about 1 ms.
 * Looked up, never imported, so the renderer's bundle stays free of Node.
 */
const NodeBuffer = (globalThis as { Buffer?: { from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string } } }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Whether a string is canonical base64. A linear scan rather than one big
 * regular expression: updates can be megabytes long, and a backtracking
 * pattern overflows the regex stack on inputs that large.
 */
export function isBase64(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const end = value.length - padding;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}
