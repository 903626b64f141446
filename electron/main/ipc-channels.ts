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
  /** page → main (invoke): show the file dialog for photos; the chosen paths go from main to core, never to the page. */
  pickMedia: 'lede:pick-media',
  /** preload → main: paths of files dropped on the page (read in the preload's own world with webUtils). */
  importDropped: 'lede:import-dropped',
  /** page → main (invoke): choose an export folder; answers the folder the person picked, or null. */
  pickFolder: 'lede:pick-folder',
} as const;
