import { createClient, type LedeBridge, type LedeClient } from '../../shared/contract';
import { setMediaUrlResolver } from '../editor/media-url';
import { connectWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    lede?: LedeBridge;
  }
}

let bridge: LedeBridge | null = null;
let client: LedeClient | null = null;

/** Connects once: Electron's preload bridge if present, else the web shell's WebSocket. */
export async function connectLede(): Promise<LedeClient> {
  if (client) return client;
  // In Electron photos come over lede-media://; the web shell's /media route is the default.
  if (window.lede) setMediaUrlResolver((sha256, variant) => `lede-media://${sha256}/${variant}`);
  bridge = window.lede ?? (await connectWebBridge());
  client = createClient(bridge);
  return client;
}

/** The connected client; only valid after connectLede() resolved (the app renders nothing before). */
export function lede(): LedeClient {
  if (!client) throw new Error('Lede is not connected yet.');
  return client;
}

export function ledeBridge(): LedeBridge {
  if (!bridge) throw new Error('Lede is not connected yet.');
  return bridge;
}
