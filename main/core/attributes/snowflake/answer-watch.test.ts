import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { THRESHOLD, watchAnswers } from './answer-watch';

const get = (port: number): Promise<void> =>
  new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => res.resume().on('end', resolve)).on('error', () => resolve()).end();
  });

let server: Server;
afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

describe('answer watch', () => {
  it(`tells after ${THRESHOLD} refused connections in a row, and an answer starts the count again`, async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const dead: string[] = [];
    const unwatch = watchAnswers(`127.0.0.1:${port}`, (detail) => dead.push(detail));

    await get(port);
    await new Promise<void>((r) => server.close(() => r()));
    for (let i = 1; i < THRESHOLD; i++) await get(port);
    expect(dead).toEqual([]);
    await get(port);
    expect(dead).toEqual([expect.stringContaining('ECONNREFUSED')]);

    // Another host failing is none of this watcher's business.
    const other = createServer(() => {});
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherPort = (other.address() as AddressInfo).port;
    await new Promise<void>((r) => other.close(() => r()));
    for (let i = 0; i < THRESHOLD; i++) await get(otherPort);
    expect(dead).toHaveLength(1);

    // Back up: one answer resets the count.
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    await get(port);
    await new Promise<void>((r) => server.close(() => r()));
    for (let i = 1; i < THRESHOLD; i++) await get(port);
    expect(dead).toHaveLength(1);
    unwatch();
    await get(port);
    expect(dead).toHaveLength(1);
  });
});
