import { APP_ORIGIN, originOf } from './url-policy';

/** The parts of Electron's WebFrameMain that decide whether to trust an IPC message. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/**
 * Every IPC message main acts on must come from the top frame of our own
 * page: not from a subframe (an embedded page), not from a page that was
 * navigated elsewhere, and not from a frame that is already gone (Electron
 * then gives `senderFrame` as null).
 */
export function isTrustedSenderFrame(frame: FrameLike | null | undefined, expectedOrigin: string = APP_ORIGIN): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return originOf(frame.url) === expectedOrigin;
}
