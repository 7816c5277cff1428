/** Types of after-pack.mjs (electron-builder loads it as plain JS). */
import type { FuseV1Config } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum value. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string; projectDir?: string };
}

export const FUSES: Readonly<FuseV1Config>;
export function electronExecutablePath(context: PackContext): string;
export function fuseConfigFor(context: Pick<PackContext, 'electronPlatformName' | 'arch'>): FuseV1Config;
export function checkNativeBinding(context: Pick<PackContext, 'electronPlatformName' | 'arch'>, root?: string): void;
export function afterPack(context: PackContext, flip?: (path: string, config: FuseV1Config) => Promise<unknown>): Promise<void>;
export default afterPack;
