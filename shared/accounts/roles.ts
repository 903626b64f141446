import type { NewsroomRole } from '../model';

/**
 * The roles a newsroom account has on the sync server. Once a laptop is
 * signed in, the account's role is the one that decides what its person may
 * do; the local profile's role only applies before any sign-in.
 * - reporter: writes the stories of their desks, moves them draft ↔ in edit → ready;
 * - editor: a desk editor — everything on the stories of their desks, publishing included;
 * - photo-editor: writes photos' metadata, and stories like a reporter;
 * - reader: reads, changes nothing;
 * - admin: everything, on every desk; the only one who purges.
 */
export const ACCOUNT_ROLES = ['reporter', 'editor', 'photo-editor', 'reader', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  reporter: 'Reporter',
  editor: 'Desk editor',
  'photo-editor': 'Photo editor',
  reader: 'Reader',
  admin: 'Administrator',
};

export function isAccountRole(value: string): value is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(value);
}

/** Whether the role may change anything at all on the server. */
export function canWriteAnything(role: AccountRole): boolean {
  return role !== 'reader';
}

/**
 * Whether the role may delete a story for good on the server (ADR 0059): an
 * admin only, so no desk account can take stories off every laptop.
 */
export function canPurge(role: AccountRole): boolean {
  return role === 'admin';
}

/**
 * Whether the role may read the server's audit trail at all: admins, and
 * desk editors for their desks' stories (the server narrows it per story).
 */
export function canReadAuditTrail(role: AccountRole): boolean {
  return role === 'admin' || role === 'editor';
}

/**
 * The workflow role an account acts with on this computer (the profile's
 * vocabulary, which the status rules use). An admin acts as an editor; a
 * reader as a reporter (whose moves the server refuses anyway).
 */
export function workflowRoleOf(role: AccountRole): NewsroomRole {
  if (role === 'editor' || role === 'admin') return 'editor';
  if (role === 'photo-editor') return 'photo_editor';
  return 'reporter';
}
