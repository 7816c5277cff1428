/** Types of electron-native-runners.mjs (plain JS so `node scripts/electron-native.mjs` needs no build). */
export const HEADERS_URL: string;
export const BINARY: string;

/** What the runners are given: a temp copy of better-sqlite3 (`dir`) and where to log. */
export interface NativeJob {
  dir: string;
  sourceDir: string;
  electron: string;
  platform: string;
  arch: string;
  logFile: string;
}
export type RunnerResult = { ok: true } | { ok: false; reason: string; noPrebuilt?: boolean };
export interface ToolRun {
  status: number | null;
  output: string;
  error: Error | null;
}

export function toolEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function fetchPrebuilt(job: NativeJob & { env?: NodeJS.ProcessEnv }): Promise<RunnerResult>;
export function describePrebuildFailure(run: ToolRun): { ok: false; reason: string; noPrebuilt: boolean };
export function compileFromSource(job: NativeJob & { env?: NodeJS.ProcessEnv; headersUrl?: string }): Promise<RunnerResult>;
export function describeCompileFailure(run: ToolRun): string;
