import { IncomingMessage, MessageType } from '@hocuspocus/server';
import { CLIENT_STATELESS } from '../shared/sync-protocol';

/**
 * Which client messages Hocuspocus may handle, checked before it does.
 *
 * Hocuspocus relays a client's BroadcastStateless to every connection on
 * the document as a plain Stateless message — byte for byte the framing of
 * the server's own `stored` and `catalog` (Connection.sendStateless either
 * way). A client could thus speak as the server: a forged `stored` makes a
 * laptop say "Synced" for what was never stored (ADR 0041). Lede's clients
 * never broadcast, so every broadcast is refused; and a client's own
 * Stateless (answered by the server, never relayed) must be one of the
 * requests in CLIENT_STATELESS.
 *
 * Returns why the message is refused, or null to let it through.
 */
export function refusedClientMessage(data: Uint8Array, control: boolean): string | null {
  try {
    const message = new IncomingMessage(data);
    message.readVarString(); // the document's name (Hocuspocus routed the message by it)
    const type = message.readVarUint();
    if (type === MessageType.BroadcastStateless) return 'a client may not broadcast stateless messages';
    if (type !== MessageType.Stateless) return null;
    const payload = message.readVarString();
    const allowed: readonly string[] = control ? CLIENT_STATELESS.control : CLIENT_STATELESS.document;
    return allowed.includes(payload) ? null : 'not a stateless request the server answers';
  } catch {
    // Hocuspocus would fail on it as well; refusing here says why.
    return 'a message that does not decode';
  }
}

/** y-protocols' sync message types that carry document changes (step 2 and update). */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update a client message carries (a sync step 2 or an update), or null for anything else. */
export function carriedUpdate(data: Uint8Array): Uint8Array | null {
  try {
    const message = new IncomingMessage(data);
    message.readVarString();
    if (message.readVarUint() !== MessageType.Sync) return null;
    const step = message.readVarUint();
    return step === SYNC_STEP_2 || step === SYNC_UPDATE ? message.readVarUint8Array() : null;
  } catch {
    return null;
  }
}

/**
 * The names an awareness message announces, by awareness client id (its
 * states' `user.name`, where a state has one: an empty or cleared state
 * announces nobody), or null when the message is not an awareness update.
 * Throws on one that does not decode.
 */
export function announcedNames(data: Uint8Array): Array<{ clientId: number; name: string }> | null {
  const message = new IncomingMessage(data);
  message.readVarString();
  if (message.readVarUint() !== MessageType.Awareness) return null;
  const inner = new IncomingMessage(message.readVarUint8Array());
  const count = inner.readVarUint();
  const names: Array<{ clientId: number; name: string }> = [];
  for (let index = 0; index < count; index++) {
    const clientId = inner.readVarUint();
    inner.readVarUint(); // clock
    const state = JSON.parse(inner.readVarString()) as { user?: { name?: unknown } } | null;
    const name = state?.user?.name;
    if (typeof name === 'string') names.push({ clientId, name });
  }
  return names;
}

/**
 * Bytes of document change a client message carries (a sync step 2 or an
 * update), 0 for anything else (awareness, sync step 1, stateless). What the
 * per-document size limit counts before a store measures the real size.
 */
export function carriedChangeBytes(data: Uint8Array): number {
  try {
    const message = new IncomingMessage(data);
    message.readVarString();
    if (message.readVarUint() !== MessageType.Sync) return 0;
    const step = message.readVarUint();
    return step === SYNC_STEP_2 || step === SYNC_UPDATE ? data.byteLength : 0;
  } catch {
    return 0;
  }
}
