/**
 * The packaging config as electron-builder itself loads it: the afterPack hook is wired, asar is
 * on, and the hook flips every fuse issue 6 asks for on the right executable. No Electron binary
 * exists on these machines, so the real flip runs on a file that carries Electron's fuse wire.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import electronBuilder from 'electron-builder';
import { afterPack, electronExecutablePath, FUSES, fuseConfigFor, type PackContext } from './after-pack.mjs';

const { Arch } = electronBuilder;
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & { afterPack?: unknown; asar?: unknown };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string): Promise<Config>;
  validateConfiguration(config: Config, logger: { add(): void; isEnabled: boolean }): Promise<void>;
};
const { resolveFunction } = require('app-builder-lib/out/util/resolve') as {
  resolveFunction(type: unknown, executor: unknown, name: string, root: string): Promise<unknown>;
};

/** What issue 6 requires of every packaged build. */
const REQUIRED: [FuseV1Options, boolean][] = [
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
];

type Flip = (path: string, config: FuseV1Config) => Promise<unknown>;
type Hook = (context: PackContext, flip?: Flip) => Promise<void>;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'after-pack-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A project folder whose native/electron stamp says what the binary was built for. */
function projectWithNative(platform: string, arch: string): string {
  const dir = join(work, `project-${platform}-${arch}`);
  mkdirSync(join(dir, 'native', 'electron'), { recursive: true });
  writeFileSync(join(dir, 'native', 'electron', 'better_sqlite3.node'), 'binary');
  writeFileSync(join(dir, 'native', 'electron', 'build.json'), JSON.stringify({ electron: '45.5.0', betterSqlite3: '12.11.1', platform, arch }));
  return dir;
}

function context(electronPlatformName: string, arch: number, projectDir: string): PackContext {
  return {
    appOutDir: join(work, 'out'),
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'Profile Desk' }, executableName: 'profile-desk', projectDir },
  };
}

describe('electron-builder.yml', () => {
  it('is a valid config with asar on and the after-pack hook wired', async () => {
    const config = await getConfig(root);
    await validateConfiguration(config, { add() {}, isEnabled: false });
    // EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar need the app in app.asar.
    expect(config.asar).not.toBe(false);
    expect(typeof config.afterPack).toBe('string');
    expect(resolve(root, config.afterPack as string)).toBe(join(root, 'scripts', 'after-pack.mjs'));
  });

  it("resolves, as electron-builder does, to a hook that flips every required fuse", async () => {
    const config = await getConfig(root);
    const hook = (await resolveFunction(undefined, config.afterPack, 'afterPack', root)) as Hook;
    expect(typeof hook).toBe('function');
    const flip = vi.fn<Flip>(async () => 1);
    await hook(context('linux', Arch.x64, projectWithNative('linux', 'x64')), flip);
    expect(flip).toHaveBeenCalledTimes(1);
    const fuses = flip.mock.calls[0]![1] as FuseV1Config & Record<number, unknown>;
    expect(fuses.version).toBe(FuseVersion.V1);
    for (const [fuse, value] of REQUIRED) expect({ fuse: FuseV1Options[fuse], value: fuses[fuse] }).toEqual({ fuse: FuseV1Options[fuse], value });
  });
});

describe('the fuse config', () => {
  it('sets each required fuse and leaves the others to Electron', () => {
    for (const [fuse, value] of REQUIRED) expect({ fuse: FuseV1Options[fuse], value: FUSES[fuse] }).toEqual({ fuse: FuseV1Options[fuse], value });
    const set = Object.keys(FUSES).filter((key) => key !== 'version').map(Number).sort();
    expect(set).toEqual(REQUIRED.map(([fuse]) => fuse).sort());
  });

  it('resets the ad-hoc signature on arm64 macOS only', () => {
    expect(fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.universal }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.x64 }).resetAdHocDarwinSignature).toBeUndefined();
    expect(fuseConfigFor({ electronPlatformName: 'linux', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBeUndefined();
    expect(fuseConfigFor({ electronPlatformName: 'win32', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBeUndefined();
  });
});

describe('afterPack', () => {
  const cases: [string, number, string, string, string][] = [
    ['linux', Arch.x64, 'linux', 'x64', 'profile-desk'],
    ['win32', Arch.x64, 'win32', 'x64', 'Profile Desk.exe'],
    ['darwin', Arch.arm64, 'darwin', 'arm64', 'Profile Desk.app'],
    ['mas', Arch.x64, 'darwin', 'x64', 'Profile Desk.app'],
  ];
  it.each(cases)('flips the fuses of the %s executable', async (platformName, arch, nodePlatform, nodeArch, executable) => {
    const flip = vi.fn<Flip>(async () => 1);
    const ctx = context(platformName, arch, projectWithNative(nodePlatform, nodeArch));
    await afterPack(ctx, flip);
    expect(electronExecutablePath(ctx)).toBe(join(ctx.appOutDir, executable));
    expect(flip).toHaveBeenCalledWith(join(ctx.appOutDir, executable), fuseConfigFor(ctx));
  });

  it('refuses a native binary built for another platform or architecture, before touching the app', async () => {
    const flip = vi.fn<Flip>(async () => 1);
    await expect(afterPack(context('win32', Arch.x64, projectWithNative('linux', 'x64')), flip)).rejects.toThrow(
      'after-pack: native/electron/better_sqlite3.node is built for linux-x64, not win32-x64; package on a win32-x64 machine',
    );
    await expect(afterPack(context('linux', Arch.arm64, projectWithNative('linux', 'x64')), flip)).rejects.toThrow(/not linux-arm64/);
    expect(flip).not.toHaveBeenCalled();
  });

  it('refuses to package without the native binary', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    await expect(afterPack(context('linux', Arch.x64, empty), vi.fn<Flip>())).rejects.toThrow(/is missing; run `node scripts\/electron-native.mjs` first/);
  });

  it('writes the fuses into a binary with Electron’s fuse wire (the real @electron/fuses)', async () => {
    // Electron's layout: sentinel, wire version 1, wire length, then one byte per fuse.
    const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    const ctx = context('linux', Arch.x64, projectWithNative('linux', 'x64'));
    mkdirSync(ctx.appOutDir);
    const wire = '10110001'; // Electron's defaults: every fuse required here starts the other way
    writeFileSync(join(ctx.appOutDir, 'profile-desk'), Buffer.concat([Buffer.from('ELF…code'), Buffer.from(sentinel), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…more')]));
    await afterPack(ctx);
    const state = await getCurrentFuseWire(join(ctx.appOutDir, 'profile-desk'));
    const ENABLE = '1'.charCodeAt(0);
    const DISABLE = '0'.charCodeAt(0);
    for (const [fuse, value] of REQUIRED) expect({ fuse: FuseV1Options[fuse], state: state[fuse] }).toEqual({ fuse: FuseV1Options[fuse], state: value ? ENABLE : DISABLE });
    // Fuses not in the config keep what the binary had.
    expect(state[FuseV1Options.EnableCookieEncryption]).toBe(DISABLE);
    expect(state[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(DISABLE);
  });
});
