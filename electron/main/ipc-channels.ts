/**
 * The only IPC between the Electron shell and the page. The API itself never
 * travels over IPC: it goes over the MessagePort that main hands over with
 * `port`, straight to the core process.
 */
export const IPC = {
  /** page → main: "give me a port to core" (checked against the sender frame). */
  requestPort: 'lede:request-port',
  /** main → page: a MessagePort to a fresh core session (again after a core restart or reload). */
  port: 'lede:port',
  /** main → page: core stopped; calls in flight will not be answered, a new port follows. */
  coreLost: 'lede:core-lost',
} as const;
