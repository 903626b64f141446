import { describe, expect, it } from 'vitest';
import { readFailure } from '../../../electron/core/media/inspect-file';

/**
 * Why a file could not be read, in words for the person importing. Tests run
 * as root here, where a permission cannot really be denied, so the errors the
 * operating system would give are made up.
 */
describe('a file that cannot be read', () => {
  const failure = (code: string) => Object.assign(new Error(`${code}: open '/cards/DSC_0001.JPG'`), { code });

  it('names the reason the operating system gave', () => {
    expect(readFailure(failure('EACCES'))).toBe('Lede is not allowed to read this file.');
    expect(readFailure(failure('EPERM'))).toBe('Lede is not allowed to read this file.');
    expect(readFailure(failure('ENOENT'))).toMatch(/gone/);
    expect(readFailure(failure('EISDIR'))).toBe('This is a folder, not a file.');
    expect(readFailure(failure('EIO'))).toBe("The file cannot be read (EIO: open '/cards/DSC_0001.JPG').");
  });
});
