import fs from 'node:fs';
import type { Logger } from '../log';
import { writeFileDurably } from '../files/durable-files';
import { resolveMediaFile, variantPath } from './media-store';
import { largestEmbeddedPreview } from './embedded-preview';
import { makeLoupe, makePreview } from './renditions';

/** The renditions made on demand rather than at import. */
export type OnDemandVariant = 'preview' | 'loupe';

/**
 * Makes a photo's preview the first time something asks for it (a figure
 * shown in a story, a ninjs consumer following its rendition link) and
 * keeps it beside the thumbnail; likewise the loupe's picture, from the
 * file's embedded preview when it has a large one (ADR 0070). Import makes
 * only thumbnails (ADR 0015). Two requests for the same rendition at once
 * share one decode.
 */
export class PreviewMaker {
  private readonly making = new Map<string, Promise<boolean>>();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  /** True once the rendition is on disk; false when the original is not here or cannot be decoded. */
  ensure(sha256: string, variant: OnDemandVariant = 'preview'): Promise<boolean> {
    const key = `${variant}:${sha256}`;
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = this.make(sha256, variant).finally(() => this.making.delete(key));
    this.making.set(key, made);
    return made;
  }

  private async make(sha256: string, variant: OnDemandVariant): Promise<boolean> {
    if (await resolveMediaFile(this.dataDir, sha256, variant)) return true;
    const original = await resolveMediaFile(this.dataDir, sha256, 'original');
    if (!original) return false;
    try {
      const data = await fs.promises.readFile(original.file);
      const made = variant === 'preview' ? await makePreview(data) : (await makeLoupe(data, await largestEmbeddedPreview(data))).image;
      await writeFileDurably(variantPath(this.dataDir, sha256, variant), made);
      return true;
    } catch (error) {
      // Import decoded this original once already: failing now means the stored file was damaged since.
      this.log.error(`could not make a ${variant}`, { sha256, error });
      return false;
    }
  }
}
