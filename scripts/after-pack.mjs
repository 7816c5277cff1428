/**
 * electron-builder `afterPack` hook (electron-builder.yml): runs on the unpacked app before it is
 * signed and wrapped into an installer.
 *
 * 1. Checks that native/electron/better_sqlite3.node (made by scripts/electron-native.mjs) was
 *    built for the platform and architecture being packaged: a Linux binary inside a Windows
 *    installer would only fail when an analyst opens the app.
 * 2. Flips the Electron fuses (https://www.electronjs.org/docs/latest/tutorial/fuses), which
 *    switch off features of the Electron binary an attacker could use to run code as the app:
 *    ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, loose files beside app.asar, and file://
 *    privileges the app doesn't need (it serves its UI from app://).
 *
 * Fuses must be flipped before signing: afterPack runs before electron-builder signs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import electronBuilder from 'electron-builder';

const { Arch } = electronBuilder;

/** The fuses every packaged build gets; the rest keep Electron's defaults. */
export const FUSES = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Needs asar (electron-builder.yml) and the integrity electron-builder embeds on macOS/Windows.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

const isMac = (platformName) => platformName === 'darwin' || platformName === 'mas';

/**
 * The file @electron/fuses patches: the .app bundle on macOS (it finds the framework inside),
 * the .exe on Windows, the executable on Linux; named as electron-builder names them.
 */
export function electronExecutablePath({ appOutDir, electronPlatformName, packager }) {
  if (isMac(electronPlatformName)) return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  throw new Error(`after-pack: no Electron executable known for platform "${electronPlatformName}"`);
}

/**
 * Patching the binary breaks the ad-hoc signature every arm64 macOS binary carries, and macOS
 * refuses to start an arm64 app without a valid one; @electron/fuses re-signs it ad hoc.
 */
export function fuseConfigFor({ electronPlatformName, arch }) {
  const armMac = isMac(electronPlatformName) && (arch === Arch.arm64 || arch === Arch.universal);
  return armMac ? { ...FUSES, resetAdHocDarwinSignature: true } : { ...FUSES };
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Throws a one-line message unless the Electron build of better-sqlite3 in `root` fits the target. */
export function checkNativeBinding({ electronPlatformName, arch }, root = projectRoot) {
  const platform = isMac(electronPlatformName) ? 'darwin' : electronPlatformName;
  const wanted = `${platform}-${Arch[arch]}`;
  const stampFile = join(root, 'native', 'electron', 'build.json');
  let built;
  try {
    built = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    throw new Error(`after-pack: native/electron/better_sqlite3.node is missing; run \`node scripts/electron-native.mjs\` first (npm run dist does)`);
  }
  const have = `${built.platform}-${built.arch}`;
  if (have !== wanted) {
    throw new Error(`after-pack: native/electron/better_sqlite3.node is built for ${have}, not ${wanted}; package on a ${wanted} machine`);
  }
}

/** The hook electron-builder calls; `flip` is replaceable so tests need no Electron binary. */
export async function afterPack(context, flip = flipFuses) {
  checkNativeBinding(context, context.packager.projectDir ?? projectRoot);
  await flip(electronExecutablePath(context), fuseConfigFor(context));
}

export default afterPack;
