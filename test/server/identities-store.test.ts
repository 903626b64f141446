import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundedPending } from '../../server/auth/oidc/bounded-pending';
import { Authenticator } from '../../server/auth/authenticator';
import { hashToken, newToken } from '../../server/auth/tokens';
import { createServerLog } from '../../server/log';
import { openServerStore } from '../../server/storage/open-store';
import { NotFoundError, type ServerStore } from '../../server/storage/server-store';
import { freshDatabase } from '../helpers/postgres';
import { serviceUrl } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';

const log = createServerLog('error');
const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');
const opened: ServerStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const backends = [
  { name: 'SQLite', available: true, open: async () => openServerStore({ dataDir: makeTempDir('lede-server-'), log, storeWorkerFile: null }) },
  { name: 'PostgreSQL', available: pgBase !== null, open: async () => openServerStore({ dataDir: makeTempDir('lede-server-'), databaseUrl: await freshDatabase(pgBase!), log, storeWorkerFile: null }) },
];

describe.each(backends)('identities and account tokens on $name (schema step 3)', (backend) => {
  it.skipIf(!backend.available)('an identity names an account; its tokens all authenticate; revoking the account refuses them all', async () => {
    const store = await backend.open();
    opened.push(store);
    const own = newToken();
    const id = randomUUID();
    await store.addUser({ id, name: 'Wesley Rahn', role: 'editor', tokenHash: hashToken(own), createdMs: 1 });
    const identity = { issuer: 'https://login.newsroom.example', claim: 'sub' as const, subject: 'abc-123' };
    expect(await store.userByIdentity(identity)).toBeNull();
    await expect(store.linkIdentity(identity, 'Nobody', 2)).rejects.toBeInstanceOf(NotFoundError);
    await store.linkIdentity(identity, 'Wesley Rahn', 2);
    expect((await store.userByIdentity(identity))?.id).toBe(id);
    // Same subject, other claim or issuer: another identity.
    expect(await store.userByIdentity({ ...identity, claim: 'email' })).toBeNull();
    expect(await store.userByIdentity({ ...identity, issuer: 'https://elsewhere.example' })).toBeNull();

    const laptop = newToken();
    const phone = newToken();
    await store.addAccountToken({ userId: id, tokenHash: hashToken(laptop), label: 'sso: laptop', createdMs: 3 });
    await store.addAccountToken({ userId: id, tokenHash: hashToken(phone), label: 'sso: phone', createdMs: 4 });
    expect((await store.tokenHashesOf(id)).sort()).toEqual([own, laptop, phone].map(hashToken).sort());
    const auth = new Authenticator(store);
    for (const token of [own, laptop, phone]) expect(await auth.authenticate(token)).toMatchObject({ id, name: 'Wesley Rahn', role: 'editor' });

    await store.revokeUser('Wesley Rahn', 5);
    auth.markRevoked([id]);
    for (const token of [own, laptop, phone]) expect(await auth.authenticate(token)).toBeNull();
    // The identity still names the revoked account, so single sign-on refuses it rather than making a new one.
    expect((await store.userByIdentity(identity))?.revokedMs).toBe(5);
  });
});

describe('sign-ins in progress are bounded', () => {
  it('past the maximum a new one is refused until old ones expire; each is taken once', () => {
    let now = 0;
    const pending = new BoundedPending<number>(3, 1000, () => now);
    expect([pending.add('a', 1), pending.add('b', 2), pending.add('c', 3), pending.add('d', 4)]).toEqual([true, true, true, false]);
    expect(pending.take('a')).toBe(1);
    expect(pending.take('a')).toBeNull();
    expect(pending.add('d', 4)).toBe(true);
    now = 1000;
    // Expired: unknown, and their places are free again.
    expect(pending.take('b')).toBeNull();
    expect(pending.size).toBe(0);
    for (let i = 0; i < 10_000; i++) pending.add(`k${i}`, i);
    expect(pending.size).toBe(3);
  });
});
