/** Types of electron-native.mjs (plain JS so it runs with no build step). */
import type { NativeJob, RunnerResult } from './electron-native-runners.mjs';

export class ElectronNativeError extends Error {}

export interface ElectronNativeOptions {
  electron: string;
  betterSqlite3: string;
  /** The installed better-sqlite3 package folder. */
  sourceDir: string;
  /** Where better_sqlite3.node, build.json and build.log go. */
  outDir: string;
  platform?: string;
  arch?: string;
  /** Paths in messages are shown relative to this. */
  root?: string;
  fetchPrebuilt?: (job: NativeJob) => Promise<RunnerResult>;
  compile?: (job: NativeJob) => Promise<RunnerResult>;
  log?: (line: string) => void;
}

export function ensureElectronNative(options: ElectronNativeOptions): Promise<'cached' | 'prebuilt' | 'compiled'>;
