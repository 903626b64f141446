/** Types for stage-app.mjs (used by the packaging tests). */
export declare const NATIVE_MODULES: string[];
export declare const APP_BUNDLES: string[];
export declare function runtimeClosure(repoRoot: string, names: string[]): string[];
export declare function stageApp(options?: { repoRoot?: string; outDir?: string; withModules?: boolean }): {
  outDir: string;
  dependencies: Record<string, string>;
  modules: string[];
};
