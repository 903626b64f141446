import type { StorySnapshot } from '../../../shared/article-body';
import type { ResultOf } from '../../../shared/contract';
import { LedeError } from '../../../shared/errors';
import type { ExportFormat } from '../../../shared/interchange';
import { mediaHref, type MediaCatalog } from '../../../shared/interchange/media-catalog';
import { storyToNinjs } from '../../../shared/interchange/ninjs/ninjs-export';
import { validateNinjs } from '../../../shared/interchange/ninjs/validate-ninjs';
import { exportFileName } from '../../../shared/interchange/export-file-name';
import { storyToHtml, storyToMarkdown } from './story-html-markdown';

export type ExportedFile = ResultOf<'article.export'>;

export interface StoryExportContext {
  id: string;
  updatedAt: string;
  catalog: MediaCatalog;
  mediaHrefBase: string;
}

/** The story in one interchange format. A ninjs export that would not validate is refused, never handed out. */
export function exportStory(story: StorySnapshot, format: ExportFormat, context: StoryExportContext): ExportedFile {
  const imageSrc = (sha: string) => mediaHref(context.mediaHrefBase, sha, 'original');
  switch (format) {
    case 'ninjs': {
      const document = storyToNinjs(story, context);
      const validation = validateNinjs(document);
      if (!validation.valid) throw new LedeError('internal', `The ninjs export did not validate against the ninjs 2.2 schema: ${validation.errors.join('; ')}`);
      return { fileName: exportFileName(story, 'json'), mimeType: 'application/json', text: `${JSON.stringify(document, null, 2)}\n` };
    }
    case 'html':
      return { fileName: exportFileName(story, 'html'), mimeType: 'text/html', text: storyToHtml(story, { imageSrc }) };
    case 'markdown':
      return { fileName: exportFileName(story, 'md'), mimeType: 'text/markdown', text: storyToMarkdown(story, { imageSrc }) };
  }
}
