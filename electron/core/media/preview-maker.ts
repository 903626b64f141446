import fs from 'node:fs';
import type { Logger } from '../log';
import { writeFileDurably } from '../files/durable-files';
import { resolveMediaFile, variantPath } from './media-store';
import { makePreview } from './renditions';

/**
 * Makes a photo's preview the first time something asks for it (a figure
 * shown in a story, a ninjs consumer following its rendition link) and
 * keeps it beside the thumbnail. Import makes only thumbnails (ADR 0015). Two requests for the
 * same photo at once share one decode.
 */
export class PreviewMaker {
  private readonly making = new Map<string, Promise<boolean>>();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  /** True once the preview is on disk; false when the original is not here or cannot be decoded. */
  ensure(sha256: string): Promise<boolean> {
    const pending = this.making.get(sha256);
    if (pending) return pending;
    const made = this.make(sha256).finally(() => this.making.delete(sha256));
    this.making.set(sha256, made);
    return made;
  }

  private async make(sha256: string): Promise<boolean> {
    if (await resolveMediaFile(this.dataDir, sha256, 'preview')) return true;
    const original = await resolveMediaFile(this.dataDir, sha256, 'original');
    if (!original) return false;
    try {
      const preview = await makePreview(await fs.promises.readFile(original.file));
      await writeFileDurably(variantPath(this.dataDir, sha256, 'preview'), preview);
      return true;
    } catch (error) {
      // Import decoded this original once already: failing now means the stored file was damaged since.
      this.log.error('could not make a preview', { sha256, error });
      return false;
    }
  }
}
