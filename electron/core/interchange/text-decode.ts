import { LedeError } from '../../../shared/errors';

/**
 * Bytes of a text file as a string: a byte-order mark wins, then a charset
 * the file declares (HTML), then UTF-8; a file that is not valid UTF-8 is read
 * as Windows-1252, which is what such files almost always are. A file with
 * NUL bytes is not text at all and is refused.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new LedeError('unsupported_file', 'This file is not a text file (it holds binary data). Check that you picked the right file.');
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(body);
    } catch {
      // An unknown label: fall through to UTF-8.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** The charset an HTML file declares in its first kilobytes (`<meta charset>` or http-equiv), if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return match ? match[1]! : null;
}
