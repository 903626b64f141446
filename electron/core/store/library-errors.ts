import { LedeError } from '../../../shared/errors';

/** db_corrupt, with the way out. */
export function damagedLibrary(file: string, detail: string): LedeError {
  return new LedeError(
    'db_corrupt',
    `The library database ${file} is damaged (${detail}). Lede has not changed it. Restore it from a backup in the data folder's "backups" folder, or move it aside to start an empty library.`,
  );
}
