import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExifTool, WriteTags } from 'exiftool-vendored';
import type { EventPayloadOf, ResultOf } from '../../../shared/contract';
import { LedeError } from '../../../shared/errors';
import { checkMediaFields, MEDIA_FIELDS, isListField } from '../../../shared/media-fields';
import type { Logger } from '../log';
import { cullTags, exportTags, type TagValue } from './export-tags';
import { IIM_CODED_CHARACTER_SET, PHOTO_METADATA_TAGS } from './metadata-tags';
import type { MediaIndex, MediaRow } from './media-index';
import { resolveMediaFile } from './media-store';

export type ExportResult = ResultOf<'media.export'>['results'][number];
export type ExportProgress = EventPayloadOf<'media.exportProgress'>;

/** Formats whose IPTC IIM block ExifTool writes; the rest get XMP only. */
const IIM_FORMATS = new Set(['jpeg', 'tiff']);

/**
 * Writes copies of photos, with their edited metadata, into a folder: the
 * stored original is copied, ExifTool writes XMP and IPTC IIM (UTF-8) in step
 * and a fresh IPTCDigest into the copy, and a read-back must find every value
 * before the copy gets its final name. A photo whose values break an IIM byte
 * limit is refused, never cut. Originals are never opened for writing.
 */
export class MediaExporter {
  constructor(
    private readonly dataDir: string,
    private readonly index: MediaIndex,
    private readonly log: Logger,
  ) {}

  async export(sha256s: readonly string[], folder: string, onProgress: (progress: ExportProgress) => void): Promise<{ folder: string; results: ExportResult[] }> {
    const target = await prepareFolder(folder);
    const rows = new Map(this.index.get(sha256s).map((row) => [row.sha256, row]));
    const exportId = randomBytes(8).toString('hex');
    const results: ExportResult[] = [];
    // Loaded on first export, not at start: it is a fifth of core's start-up module loading.
    const { ExifTool } = await import('exiftool-vendored');
    const exiftool = new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000 });
    try {
      for (const [done, sha256] of sha256s.entries()) {
        const row = rows.get(sha256);
        onProgress({ exportId, total: sha256s.length, done, current: row?.filename ?? sha256 });
        if (!row) {
          results.push({ sha256, filename: '', ok: false, reason: 'This photo is not in the library (it may have been removed).' });
          continue;
        }
        results.push(await this.exportOne(exiftool, row, target));
      }
      onProgress({ exportId, total: sha256s.length, done: sha256s.length, current: '' });
    } finally {
      await exiftool.end();
    }
    return { folder: target, results };
  }

  private async exportOne(exiftool: ExifTool, row: MediaRow, folder: string): Promise<ExportResult> {
    const { sha256, filename } = row;
    const fail = (reason: string): ExportResult => ({ sha256, filename, ok: false, reason });
    const over = checkMediaFields(row.fields).filter((problem) => problem.level === 'ERROR');
    if (over.length) return fail(`Not exported: ${over.map((problem) => problem.message).join(' ')} Shorten it first.`);
    const original = await resolveMediaFile(this.dataDir, sha256, 'original');
    if (!original) return fail('The stored original is missing from the data folder.');
    const finalName = await freeName(folder, safeName(filename, original.file));
    const temporary = path.join(folder, `.${finalName}.${randomBytes(4).toString('hex')}.lede-part${path.extname(finalName)}`);
    try {
      await fs.promises.copyFile(original.file, temporary, fs.constants.COPYFILE_EXCL);
      const withIim = IIM_FORMATS.has(row.format);
      const tags = writableTags(exportTags(row.fields, row.cull), withIim);
      await exiftool.write(temporary, tags as WriteTags, { writeArgs: ['-overwrite_original'] });
      const mismatch = await verify(exiftool, temporary, row, withIim);
      if (mismatch) throw new Error(`read-back found ${mismatch}`);
      await fs.promises.rename(temporary, path.join(folder, finalName));
      return { sha256, filename, ok: true, file: finalName };
    } catch (error) {
      await fs.promises.rm(temporary, { force: true });
      this.log.warn('export of one photo failed', { sha256, error });
      return fail(`Not exported: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
}

async function prepareFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new LedeError('invalid_payload', `Give the export folder as a full path (for example ${path.join(path.sep, 'home', 'desk', 'export')}).`);
  const target = path.resolve(folder);
  try {
    await fs.promises.mkdir(target, { recursive: true });
    await fs.promises.access(target, fs.constants.W_OK);
  } catch (error) {
    throw new LedeError('invalid_payload', `Lede cannot write into ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  return target;
}

function writableTags(tags: Record<string, TagValue>, withIim: boolean): Record<string, TagValue> {
  if (withIim) return tags;
  return Object.fromEntries(Object.entries(tags).filter(([name]) => !name.startsWith('IPTC:') && !name.startsWith('Photoshop:')));
}

/** The photo's own name, stripped of anything that could leave the folder, with the stored file's extension. */
function safeName(filename: string, storedFile: string): string {
  const base = path.basename(filename).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '');
  const stem = base.replace(/\.[^.]+$/, '') || 'photo';
  return `${stem.slice(0, 150)}${path.extname(storedFile)}`;
}

/** "name.jpg", or "name (2).jpg" and so on when the folder already has one: exports never overwrite. */
async function freeName(folder: string, name: string): Promise<string> {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${extension}`;
    try {
      await fs.promises.access(path.join(folder, candidate));
    } catch {
      return candidate;
    }
  }
  throw new Error('the folder has too many files of this name');
}

/** Reads the copy back with ExifTool: every written value must be there, IIM must say UTF-8 and carry a current digest. */
async function verify(exiftool: ExifTool, file: string, row: MediaRow, withIim: boolean): Promise<string | null> {
  const read = (await exiftool.read(file, ['-G1', '-CurrentIPTCDigest', '-all'])) as unknown as Record<string, unknown>;
  for (const field of MEDIA_FIELDS) {
    if (field === 'dateCreated') continue;
    const expected = isListField(field) ? row.fields[field] : row.fields[field].trim() === '' ? [] : [row.fields[field]];
    const targets = PHOTO_METADATA_TAGS[field];
    const tags = [targets.xmp.write, ...(withIim && targets.iim ? [targets.iim.write] : [])];
    for (const tag of tags) {
      const found = asList(read[tag]);
      if (found.length !== expected.length || found.some((value, i) => value !== expected[i])) {
        return `${tag} = ${JSON.stringify(found).slice(0, 80)}, expected ${JSON.stringify(expected).slice(0, 80)}`;
      }
    }
  }
  for (const [tag, expected] of Object.entries(cullTags(row.cull))) {
    const found = read[tag] ?? null;
    const same = expected === null ? found === null : String(found) === String(expected);
    if (!same) return `${tag} = ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`;
  }
  if (withIim) {
    const charset = IIM_CODED_CHARACTER_SET.write;
    if (read[charset] !== 'UTF8') return `${charset} = ${String(read[charset])}`;
    if (read['Photoshop:IPTCDigest'] !== read['File:CurrentIPTCDigest']) return 'an IPTCDigest that does not match the IPTC data';
  }
  return null;
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map((item) => String(item));
  return [String(value)];
}
