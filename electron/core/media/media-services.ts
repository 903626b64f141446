import type { PhotoDeskStore } from '../settings/photo-desk-store';
import type { MediaExporter } from './media-exporter';
import type { MediaImporter } from './media-importer';
import type { MediaIndex } from './media-index';
import type { MediaLibrary } from './media-library';
import type { TemplateApplications } from './template-applications';

/** Everything the photo desk's API handlers use, built in core.ts. */
export interface MediaServices {
  index: MediaIndex;
  library: MediaLibrary;
  importer: MediaImporter;
  exporter: MediaExporter;
  photoDesk: PhotoDeskStore;
  templates: TemplateApplications;
}
