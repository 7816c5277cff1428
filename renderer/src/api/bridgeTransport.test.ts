import { describe, expect, it, vi } from 'vitest';
import type { ProfileDeskBridge } from '../../../common/bridge';
import { createBridgeTransport } from './bridgeTransport';

const bridge = (grantFiles: ProfileDeskBridge['grantFiles']): ProfileDeskBridge => ({
  invoke: vi.fn(),
  onEvent: () => () => {},
  grantFiles,
  chooseExportPath: vi.fn(),
  signInSalesforce: vi.fn(),
  chooseFolder: vi.fn(),
});

describe('Electron transport', () => {
  it('stages a file by granting it through the preload, and reports it done', async () => {
    const grantFiles = vi.fn(async (files: File[]) => files.map((f) => `/home/ana/${f.name}`));
    const progress = vi.fn();
    const file = new File(['{"a":1}'], 'events.json');
    expect(await createBridgeTransport(bridge(grantFiles)).stageFile(file, progress)).toBe('/home/ana/events.json');
    expect(grantFiles).toHaveBeenCalledWith([file]);
    expect(progress).toHaveBeenCalledWith(file.size, file.size);
  });

  it('passes on a refusal (a file with no path on this computer)', async () => {
    const grantFiles = vi.fn(async () => {
      throw new Error('events.json has no path on this computer');
    });
    await expect(createBridgeTransport(bridge(grantFiles)).stageFile(new File([], 'events.json'), () => {})).rejects.toThrow(/no path/);
  });
});
