import { randomUUID } from 'node:crypto';
import { LedeError } from '../../../shared/errors';
import { MEDIA_FIELDS, type MediaField, type MediaFields } from '../../../shared/media-fields';
import { sameFieldValue, templateChanges, writtenFields, type TemplateMode } from '../../../shared/photo-templates';
import type { ChangeOrigin } from '../docs/live-docs';
import type { MediaLibrary } from './media-library';

type FieldValue = string | string[];

/** What one application wrote to one photo: per field, the value before and the value it left. */
interface PhotoRecord {
  sha256: string;
  fields: Array<{ field: MediaField; before: FieldValue; after: FieldValue }>;
}

/**
 * Remembered applications. Undo is offered while the notice is on screen (seconds), so a
 * handful is plenty; the oldest is forgotten first. Kept in memory: after a restart the
 * notice is gone and so is its undo (ADR 0062).
 */
const REMEMBERED = 20;

/**
 * Caption templates applied to many photos as one step that can be taken
 * back (ADR 0062). Applying decides per field against each photo's document
 * as it is then ("empty fields only" keeps text that arrived meanwhile) and
 * records what it replaced; undo puts back each field it wrote — unless that
 * field changed since, which is someone's later edit and wins.
 */
export class TemplateApplications {
  private readonly applications = new Map<string, PhotoRecord[]>();

  constructor(private readonly library: MediaLibrary) {}

  apply(changes: ReadonlyArray<{ sha256: string; fields: Partial<MediaFields> }>, mode: TemplateMode, origin: ChangeOrigin): { applicationId: string | null; changed: string[]; kept: number } {
    let kept = 0;
    const revisions = this.library.revise(
      changes.map(({ sha256, fields }) => ({
        sha256,
        patch: (current) => {
          const decided = templateChanges(fields, current, mode);
          kept += decided.filter((change) => change.outcome === 'kept').length;
          return writtenFields(decided);
        },
      })),
      origin,
    );
    const records: PhotoRecord[] = [];
    for (const revision of revisions) {
      if (!revision.changed) continue;
      const fields = MEDIA_FIELDS.filter((field) => !sameFieldValue(revision.before[field], revision.after[field])).map((field) => ({
        field,
        before: revision.before[field],
        after: revision.after[field],
      }));
      if (fields.length) records.push({ sha256: revision.sha256, fields });
    }
    if (records.length === 0) return { applicationId: null, changed: [], kept };
    const applicationId = randomUUID();
    this.applications.set(applicationId, records);
    while (this.applications.size > REMEMBERED) this.applications.delete(this.applications.keys().next().value!);
    return { applicationId, changed: records.map((record) => record.sha256), kept };
  }

  undo(applicationId: string, origin: ChangeOrigin): { restored: string[]; skipped: Array<{ sha256: string; field: MediaField }> } {
    const records = this.applications.get(applicationId);
    if (!records) throw new LedeError('not_found', 'This template can no longer be undone here (it was undone already, or Lede was restarted since). Change the photos by hand.');
    const present = records.filter((record) => this.library.has(record.sha256));
    const skipped: Array<{ sha256: string; field: MediaField }> = [];
    const revisions = this.library.revise(
      present.map((record) => ({
        sha256: record.sha256,
        patch: (current) => {
          const patch: Partial<Record<MediaField, FieldValue>> = {};
          for (const { field, before, after } of record.fields) {
            if (sameFieldValue(current[field], after)) patch[field] = before;
            else skipped.push({ sha256: record.sha256, field });
          }
          return patch as Partial<MediaFields>;
        },
      })),
      origin,
    );
    this.applications.delete(applicationId);
    return { restored: revisions.filter((revision) => revision.changed).map((revision) => revision.sha256), skipped };
  }
}
