import { randomUUID } from 'node:crypto';
import type { ServerRole } from '../shared/sync-protocol';
import { hashToken, newToken } from './auth/tokens';
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

export async function listUsers(store: ServerStore): Promise<string[]> {
  const users = await store.listUsers();
  if (users.length === 0) return ['No accounts yet. Add one with: npm run server -- user add NAME --role editor'];
  const rows = users.map((user) => [
    user.name,
    user.role,
    new Date(user.createdMs).toISOString().slice(0, 16).replace('T', ' '),
    user.revokedMs === null ? 'active' : `revoked ${new Date(user.revokedMs).toISOString().slice(0, 16).replace('T', ' ')}`,
  ]);
  const header = ['NAME', 'ROLE', 'CREATED (UTC)', 'STATE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}
