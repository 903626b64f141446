/** A media asset is named by the sha256 of its bytes, as 64 lower-case hex digits. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a well-formed content hash; anything else is never turned into a URL or a figure's image. */
export function isMediaHash(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}
