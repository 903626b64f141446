import { LedeError } from '../../../shared/errors';

/**
 * A look at a .docx before anything unpacks it. A Word file is a zip; a
 * password-protected one is not — Word wraps the encrypted package in an OLE
 * compound file, as old .doc files are. The zip's central directory tells how
 * large its parts become once unpacked, so a decompression bomb is refused
 * before it is inflated.
 */

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_MAGIC);
}

/** Refuses what is not a readable Word document, with the reason a person can act on. */
export function inspectDocx(bytes: Uint8Array, name: string): void {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
      throw new LedeError('unsupported_file', `“${name}” is protected with a password. Open it in Word, remove the password (File › Info › Protect Document), save it and import it again.`);
    }
    throw new LedeError('unsupported_file', `“${name}” is an old Word 97–2003 document (.doc). Save it as a Word document (.docx) and import that.`);
  }
  if (!isZip(bytes)) {
    throw new LedeError('unsupported_file', `“${name}” is not a Word document (.docx): its contents are not what a .docx holds. It may be damaged or misnamed.`);
  }
  const { entries, unpacked } = centralDirectory(bytes, name);
  if (entries > MAX_ENTRIES || unpacked > MAX_UNPACKED_BYTES) {
    throw new LedeError('too_large', `“${name}” would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB. Lede does not import documents that large.`);
  }
}

/** Reads the end-of-central-directory record and sums the entries' unpacked sizes. */
function centralDirectory(bytes: Uint8Array, name: string): { entries: number; unpacked: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new LedeError('unsupported_file', `“${name}” is damaged: it ends before the end of its table of contents. Save it again from Word and import the new file.`);
  let end = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 65_535); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw damaged();
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let unpacked = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw damaged();
    unpacked += view.getUint32(offset + 24, true);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return { entries, unpacked };
}
