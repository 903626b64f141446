import { randomUUID } from 'node:crypto';
import type { ServerRole } from '../shared/sync-protocol';
import { hashToken, newToken } from './auth/tokens';
import type { LostDevices } from './auth/lost-devices';
import type { ServerStore } from './storage/server-store';

/**
 * `user add`: makes the account and returns the lines to print. The token
 * is shown once, as the last line (so scripts can take it with `tail -n 1`);
 * only its hash is stored.
 */
export async function addUser(store: ServerStore, name: string, role: ServerRole): Promise<string[]> {
  const token = newToken();
  await store.addUser({ id: randomUUID(), name, role, tokenHash: hashToken(token), createdMs: Date.now() });
  return [
    `Created ${role} account "${name}".`,
    'Give this token to its owner; it is shown only now (the server keeps only its hash):',
    token,
  ];
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
  await lost.markLost(
    active.map((user) => user.tokenHash),
    name,
    now,
  );
  await store.revokeUser(name, now);
  return [
    `Revoked "${name}" as lost. Its open connections are cut off within a few seconds.`,
    'When that computer next connects, Lede removes the newsroom’s stories and the token from it (stories never synced stay).',
  ];
}

export async function listUsers(store: ServerStore, lost?: LostDevices): Promise<string[]> {
  const users = await store.listUsers();
  const lostTokens = lost ? await lost.all() : new Map<string, number>();
  if (users.length === 0) return ['No accounts yet. Add one with: npm run server -- user add NAME --role editor'];
  const rows = users.map((user) => [
    user.name,
    user.role,
    new Date(user.createdMs).toISOString().slice(0, 16).replace('T', ' '),
    user.revokedMs === null
      ? 'active'
      : `${lostTokens.has(user.tokenHash) ? 'lost' : 'revoked'} ${new Date(user.revokedMs).toISOString().slice(0, 16).replace('T', ' ')}`,
  ]);
  const header = ['NAME', 'ROLE', 'CREATED (UTC)', 'STATE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}
