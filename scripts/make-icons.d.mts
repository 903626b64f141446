/** Types for make-icons.mjs (used by the packaging tests). */
export declare const ICON_SOURCE: string;
export declare const PNG_SIZES: number[];
export declare function makeIcons(outDir: string, source?: string): string;
