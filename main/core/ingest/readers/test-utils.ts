// Helpers shared by the reader tests (not a test file itself).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readRecordsWith, type ReadOptions, type ReadTuning } from './read';
import type { Emit, SourceRecord } from './records';

export function tempDir(): { path: (name: string) => string; write: (name: string, content: string | Buffer, gzip?: boolean) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'readers-test-'));
  return {
    path: (name) => join(dir, name),
    write: (name, content, gzip = false) => {
      const file = join(dir, name);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeFileSync(file, gzip ? gzipSync(bytes) : bytes);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function readAll(file: string, options?: ReadOptions, tuning?: ReadTuning): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const batch of readRecordsWith(file, options, tuning)) out.push(...batch);
  return out;
}

/** Runs a parser over `pieces` (the text, or its bytes, split at arbitrary points). */
export function parsePieces<Chunk extends string | Buffer>(
  make: (emit: Emit) => { write(chunk: Chunk): void; end(): void },
  pieces: Chunk[],
): SourceRecord[] {
  const out: SourceRecord[] = [];
  const parser = make((r) => out.push(r));
  for (const piece of pieces) parser.write(piece);
  parser.end();
  return out;
}

/** Every way to cut `text` once, plus cuts into fixed sizes 1..7 (surrogate pairs may be cut
 *  too: the decoder never does that, but the parsers must not care). */
export function splits(text: string): string[][] {
  return cuts(text.length, (from, to) => text.slice(from, to));
}

/** The same cuts of the UTF-8 bytes of `text`: the reader cuts its chunks anywhere, inside a
 *  character too. */
export function byteSplits(text: string): Buffer[][] {
  const bytes = Buffer.from(text, 'utf8');
  return cuts(bytes.length, (from, to) => bytes.subarray(from, to));
}

/** The pieces of every cut of a whole of `length` (see splits), each made by `piece`. */
function cuts<T>(length: number, piece: (from: number, to: number) => T): T[][] {
  const out: T[][] = [[piece(0, length)]];
  for (let i = 1; i < length; i++) out.push([piece(0, i), piece(i, length)]);
  for (let size = 1; size <= 7; size++) {
    const pieces: T[] = [];
    for (let i = 0; i < length; i += size) pieces.push(piece(i, Math.min(i + size, length)));
    out.push(pieces);
  }
  return out;
}

/** Compact view of records for assertions: [line, value] or [line, 'ERR: reason']. */
export function brief(records: SourceRecord[]): Array<[number, unknown]> {
  return records.map((r) => ('error' in r ? [r.line, `ERR: ${r.error}`] : [r.line, r.value]));
}

/** Whether text holds a character a terminal or a dialog would act on instead of showing:
 *  C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings, overrides, isolates. */
export function hasRawControl(text: string): boolean {
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}
