/** Types for build-steps.mjs (used by tests that need the built app). */
export declare const root: string;
export declare const dist: string;
export declare const NODE_BUNDLES: Array<{ entry: string; outfile: string; format: 'esm' | 'cjs' }>;
export declare function buildIsStale(): boolean;
export declare function buildAll(): Promise<void>;
export declare function buildIfStale(): Promise<boolean>;
