/** Types for dist.mjs (used by the packaging tests). */
export declare const TARGET_PLATFORMS: Record<'linux' | 'win' | 'mac', NodeJS.Platform>;
export declare function builderConfig(repoRoot: string, overrides?: Record<string, unknown>): Record<string, unknown>;
export declare function packageApp(options: {
  repoRoot?: string;
  projectDir: string;
  target: 'linux' | 'win' | 'mac';
  dirOnly?: boolean;
  overrides?: Record<string, unknown>;
}): Promise<string[]>;
