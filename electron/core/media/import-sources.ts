import fs from 'node:fs';
import path from 'node:path';
import { IMAGE_NAME } from './image-sniff';

export interface ImportSource {
  /** Where the bytes are now. */
  file: string;
  /** What the person calls it (shown in progress and errors, kept as the photo's file name). */
  name: string;
  /** An upload's temporary file: moved into the store, or removed, when done. */
  temporary?: boolean;
}

export const MAX_FILES_PER_IMPORT = 20_000;

/**
 * The files behind what the person picked: files as they are, folders walked
 * (sub-folders too) for image names, hidden files and symbolic links skipped.
 * A path that cannot be read becomes an error entry, not an exception.
 */
export async function expandSources(paths: readonly string[]): Promise<{ sources: ImportSource[]; errors: Array<{ file: string; reason: string }> }> {
  const sources: ImportSource[] = [];
  const errors: Array<{ file: string; reason: string }> = [];
  const walk = async (folder: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch {
      errors.push({ file: prefix || path.basename(folder), reason: 'This folder cannot be read.' });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (sources.length >= MAX_FILES_PER_IMPORT || entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      const shown = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(full, shown);
      else if (entry.isFile() && IMAGE_NAME.test(entry.name)) sources.push({ file: full, name: shown });
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(given);
    } catch {
      errors.push({ file: path.basename(given), reason: 'The file or folder does not exist (or cannot be reached).' });
      continue;
    }
    if (stat.isDirectory()) await walk(given, path.basename(given));
    else sources.push({ file: given, name: path.basename(given) });
  }
  return { sources, errors };
}
