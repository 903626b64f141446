/** Types for electron-binary.mjs (imported by the unit tests and the Electron smoke test). */
export declare function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): string | null;
export declare const NO_ELECTRON_MESSAGE: string;
