import { canWriteAnything, type AccountRole } from '../../shared/accounts/roles';
import type { ServerStore } from '../storage/server-store';
import { hashToken, looksLikeToken, sameHash } from './tokens';

export interface Account {
  id: string;
  name: string;
  role: AccountRole;
  /** Its desks, in the order it joined them. */
  desks: string[];
}

/** How long a token check is trusted before the database is asked again. */
const CACHE_MS = 1000;
/** How long a token that worked lets its holder past the failed-attempt throttle. */
const RECENTLY_GOOD_MS = 15 * 60_000;

/**
 * Checks account tokens (the provider token on the WebSocket, the Bearer
 * token on HTTP). Answers are cached for a second so a client attaching a
 * hundred documents does not cost a hundred queries; revocation therefore
 * takes effect within a second for new requests, and the connection sweep
 * cuts off connections that are already open.
 */
export class Authenticator {
  private readonly cache = new Map<string, { account: Account | null; at: number }>();
  /** Accounts the revocation sweep found revoked while connected. */
  private readonly revoked = new Set<string>();
  /** Hashes of tokens that worked lately, with when (see passesThrottle). */
  private readonly recentlyGood = new Map<string, number>();

  constructor(private readonly store: ServerStore) {}

  async authenticate(token: unknown): Promise<Account | null> {
    if (typeof token !== 'string' || !looksLikeToken(token)) return null;
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.account;
    const row = await this.store.userByTokenHash(hash);
    const account =
      row && row.revokedMs === null && sameHash(row.tokenHash, hash) ? { id: row.id, name: row.name, role: row.role, desks: await this.store.desksOf(row.id) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { account, at: Date.now() });
    if (account) {
      if (this.recentlyGood.size > 10_000) this.recentlyGood.clear();
      this.recentlyGood.set(hash, Date.now());
    }
    return account;
  }

  /**
   * Whether a token worked here lately, so it may be checked even while its
   * address is throttled for failures: laptops behind one NAT or load
   * balancer share an address, and one of them sending a stale token must
   * not lock the others out. It only skips the throttle — the token is then
   * checked as always, so a revoked one still fails.
   */
  passesThrottle(token: unknown): boolean {
    if (typeof token !== 'string' || !looksLikeToken(token)) return false;
    const at = this.recentlyGood.get(hashToken(token));
    return at !== undefined && Date.now() - at < RECENTLY_GOOD_MS;
  }

  /** The token in an `Authorization: Bearer …` header, if there is one. */
  static bearer(header: string | undefined): string | null {
    return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
  }

  /**
   * Whether an account that authenticated earlier is still active, from
   * memory only (the sweep keeps it current): this runs before every
   * message, and a database round trip there would let Hocuspocus handle a
   * socket's messages out of order.
   */
  isRevoked(accountId: string): boolean {
    return this.revoked.has(accountId);
  }

  markRevoked(accountIds: Iterable<string>): void {
    for (const id of accountIds) this.revoked.add(id);
    this.cache.clear();
    this.recentlyGood.clear();
  }

  /** From an `Authorization: Bearer …` header. */
  async fromHeader(header: string | undefined): Promise<Account | null> {
    const token = Authenticator.bearer(header);
    return token ? this.authenticate(token) : null;
  }
}

export function canWrite(account: Account): boolean {
  return canWriteAnything(account.role);
}
