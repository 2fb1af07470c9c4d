// Types of scripts/electronBinary.mjs for TypeScript callers (e2e/electron.spec.ts).
export declare const root: string;
export declare function electronVersion(): string | undefined;
/** Absolute path of the Electron binary, or null when it is not installed. */
export declare function electronBinary(): string | null;
