import { randomUUID } from 'node:crypto';
import { ACCOUNT_ROLE_LABELS, type AccountRole } from '../shared/accounts/roles';
import { hashToken, newToken } from './auth/tokens';
import type { LostDevices } from './auth/lost-devices';
import { NotFoundError, type Identity, type ServerStore } from './storage/server-store';

/**
 * `user add`: makes the account and returns the lines to print. The token
 * is shown once, as the last line (so scripts can take it with `tail -n 1`);
 * only its hash is stored.
 */
export async function addUser(store: ServerStore, name: string, role: AccountRole, desks: string[] = []): Promise<string[]> {
  // Every desk is checked before the account exists: a typo makes nothing.
  const known = new Set((await store.listDesks()).map((desk) => desk.name));
  const unknown = desks.filter((desk) => !known.has(desk));
  if (unknown.length > 0) throw new NotFoundError(`There is no desk called ${unknown.map((desk) => `"${desk}"`).join(', ')}. Add it first with: desk add NAME`);
  const token = newToken();
  const now = Date.now();
  await store.addUser({ id: randomUUID(), name, role, tokenHash: hashToken(token), createdMs: now });
  // Joined one millisecond apart, so the first desk named stays the default.
  for (const [index, desk] of desks.entries()) await store.addDeskMember(desk, name, now + index);
  return [
    `Created ${ACCOUNT_ROLE_LABELS[role].toLowerCase()} account "${name}"${desks.length ? ` on ${desks.map((desk) => `"${desk}"`).join(', ')}` : ''}.`,
    'Give this token to its owner; it is shown only now (the server keeps only its hash):',
    token,
  ];
}

export async function setUserRole(store: ServerStore, name: string, role: AccountRole): Promise<string[]> {
  if (!(await store.setRole(name, role))) throw new NotFoundError(`There is no active account called "${name}".`);
  return [`"${name}" is now ${ACCOUNT_ROLE_LABELS[role].toLowerCase()}. Laptops signed in as them use the new role when they next connect.`];
}

export async function revokeUser(store: ServerStore, name: string): Promise<string[]> {
  if (!(await store.revokeUser(name, Date.now()))) throw new Error(`There is no active account called "${name}".`);
  return [`Revoked "${name}". Its open connections are cut off within a few seconds.`];
}

/**
 * `user lost`: the account's computer was lost or stolen. Its token is
 * revoked like `user revoke`, with the reason kept, so that computer, when
 * it next connects, is told (401 `device_lost`) and removes the newsroom's
 * stories and the token.
 */
export async function loseUser(store: ServerStore, lost: LostDevices, name: string): Promise<string[]> {
  const active = (await store.listUsers()).filter((user) => user.name === name && user.revokedMs === null);
  if (active.length === 0) throw new Error(`There is no active account called "${name}".`);
  const now = Date.now();
  // Recorded before the revocation: a token is only ever refused as lost, never plainly revoked first.
  // Every token of the account: the one IT made and those single sign-on made for its devices.
  const hashes = (await Promise.all(active.map((user) => store.tokenHashesOf(user.id)))).flat();
  await lost.markLost(hashes, name, now);
  await store.revokeUser(name, now);
  return [
    `Revoked "${name}" as lost. Its open connections are cut off within a few seconds.`,
    'When that computer next connects, Lede removes the newsroom’s stories and the token from it (stories never synced stay).',
  ];
}

/** `user link`: the person the sign-in provider knows by this `sub` (or verified email) signs in as this account. */
export async function linkUser(store: ServerStore, name: string, identity: Identity): Promise<string[]> {
  await store.linkIdentity(identity, name, Date.now());
  return [`"${name}" now signs in with single sign-on as ${identity.claim} "${identity.subject}" of ${identity.issuer}.`];
}

export async function listUsers(store: ServerStore, lost?: LostDevices): Promise<string[]> {
  const users = await store.listUsers();
  const lostTokens = lost ? await lost.all() : new Map<string, number>();
  if (users.length === 0) return ['No accounts yet. Add one with: npm run server -- user add NAME --role editor --desk DESK'];
  // In the order each joined them: the first is where their new stories go.
  const desks = new Map(await Promise.all(users.filter((user) => user.revokedMs === null).map(async (user) => [user.id, await store.desksOf(user.id)] as const)));
  const rows = users.map((user) => [
    user.name,
    user.role,
    desks.get(user.id)?.join(', ') || '—',
    new Date(user.createdMs).toISOString().slice(0, 16).replace('T', ' '),
    user.revokedMs === null
      ? 'active'
      : `${lostTokens.has(user.tokenHash) ? 'lost' : 'revoked'} ${new Date(user.revokedMs).toISOString().slice(0, 16).replace('T', ' ')}`,
  ]);
  return table(['NAME', 'ROLE', 'DESKS', 'CREATED (UTC)', 'STATE'], rows);
}

export async function addDesk(store: ServerStore, desk: string): Promise<string[]> {
  if (!(await store.addDesk(desk, Date.now()))) throw new Error(`There is already a desk called "${desk}".`);
  return [`Created the desk "${desk}". Put people on it with: desk member add "${desk}" NAME`];
}

export async function listDesks(store: ServerStore): Promise<string[]> {
  const desks = await store.listDesks();
  if (desks.length === 0) return ['No desks yet. Add one with: npm run server -- desk add NAME'];
  return table(
    ['DESK', 'MEMBERS'],
    desks.map((desk) => [desk.name, desk.members.join(', ') || '—']),
  );
}

export async function addDeskMember(store: ServerStore, desk: string, name: string): Promise<string[]> {
  await store.addDeskMember(desk, name, Date.now());
  return [`"${name}" is on the desk "${desk}".`];
}

export async function removeDeskMember(store: ServerStore, desk: string, name: string): Promise<string[]> {
  if (!(await store.removeDeskMember(desk, name))) throw new NotFoundError(`"${name}" is not on the desk "${desk}".`);
  return [`"${name}" is no longer on the desk "${desk}". Its stories there stop syncing to them when they next connect.`];
}

/** Columns padded to their widest cell, for the commands' listings. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}
