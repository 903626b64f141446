import type { ServerRole } from '../../shared/sync-protocol';
import type { ServerStore } from '../storage/server-store';
import { hashToken, looksLikeToken, sameHash } from './tokens';

export interface Account {
  id: string;
  name: string;
  role: ServerRole;
}

/** How long a token check is trusted before the database is asked again. */
const CACHE_MS = 1000;

/**
 * Checks account tokens (the provider token on the WebSocket, the Bearer
 * token on HTTP). Answers are cached for a second so a client attaching a
 * hundred documents does not cost a hundred queries; revocation therefore
 * takes effect within a second for new requests, and the connection sweep
 * cuts off connections that are already open.
 */
export class Authenticator {
  private readonly cache = new Map<string, { account: Account | null; at: number }>();
  private readonly validity = new Map<string, { valid: boolean; at: number }>();

  constructor(private readonly store: ServerStore) {}

  async authenticate(token: unknown): Promise<Account | null> {
    if (typeof token !== 'string' || !looksLikeToken(token)) return null;
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.account;
    const row = await this.store.userByTokenHash(hash);
    const account = row && row.revokedMs === null && sameHash(row.tokenHash, hash) ? { id: row.id, name: row.name, role: row.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { account, at: Date.now() });
    return account;
  }

  /**
   * Whether an account that authenticated earlier is still active. A
   * database hiccup does not cut anyone off: the sweep tries again.
   */
  async stillValid(accountId: string): Promise<boolean> {
    const cached = this.validity.get(accountId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.valid;
    let valid = true;
    try {
      valid = !(await this.store.revokedUserIds([accountId])).has(accountId);
    } catch {
      return cached?.valid ?? true;
    }
    if (this.validity.size > 10_000) this.validity.clear();
    this.validity.set(accountId, { valid, at: Date.now() });
    return valid;
  }

  /** From an `Authorization: Bearer …` header. */
  async fromHeader(header: string | undefined): Promise<Account | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    return match ? this.authenticate(match[1]) : null;
  }

  /** Forgets cached answers (after the sweep found a revoked account). */
  forget(): void {
    this.cache.clear();
    this.validity.clear();
  }
}

export function canWrite(account: Account): boolean {
  return account.role === 'editor' || account.role === 'admin';
}
