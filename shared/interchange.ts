/** What Lede reads and writes as files, shared by the contract, core and the renderer. */

export const IMPORT_FORMATS = ['docx', 'ninjs', 'html', 'markdown', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  docx: 'Word document',
  ninjs: 'ninjs',
  html: 'HTML',
  markdown: 'Markdown',
  text: 'plain text',
};

/** File name endings the import accepts (the file picker offers these). */
export const IMPORTABLE_EXTENSIONS = ['.docx', '.json', '.html', '.htm', '.md', '.markdown', '.txt'] as const;

/** Largest file accepted for import. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
/** The same limit as base64 text on the wire. */
export const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

export const EXPORT_FORMATS = ['ninjs', 'html', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  ninjs: 'ninjs (IPTC JSON)',
  html: 'HTML page',
  markdown: 'Markdown',
};
