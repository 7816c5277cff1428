// What the format parsers produce, and the unwrapping rules they share, so that the NDJSON
// fast path and the streaming scanner yield the same records for the same content.

export type SourceRecord =
  | { line: number; value: unknown }
  | { line: number; error: string };

export type Emit = (record: SourceRecord) => void;

/** The scanner takes text chunks in order and reports records through `emit`. */
export interface TextParser {
  write(chunk: string): void;
  /** End of input: report a value cut off by the end of the file. */
  end(): void;
}

/** What the reader feeds: the file's UTF-8 bytes, cut anywhere (even inside a character). */
export interface ByteParser {
  write(chunk: Buffer): void;
  /** End of input: flush the last line / report a value cut off by the end of the file. */
  end(): void;
}

/** An API page `{ data: [ … ], meta, links }`: its `data` elements are the records. */
export function isPage(value: unknown): value is { data: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { data?: unknown }).data)
  );
}

/** One record position (an array element, a standalone object): a page expands to its items. */
export function emitRecord(value: unknown, line: number, emit: Emit): void {
  if (isPage(value)) {
    for (const item of value.data) emit({ line, value: item });
  } else {
    emit({ line, value });
  }
}

/** A whole top-level value (an NDJSON line): an array holds records, anything else is one. */
export function emitTopLevel(value: unknown, line: number, emit: Emit): void {
  if (Array.isArray(value)) {
    for (const element of value) emitRecord(element, line, emit);
  } else {
    emitRecord(value, line, emit);
  }
}

/** Collects records into fixed-size batches; full batches wait in `ready` until taken. */
export class Batcher {
  private current: SourceRecord[] = [];
  private ready: SourceRecord[][] = [];

  constructor(private readonly size: number) {}

  readonly push: Emit = (record) => {
    this.current.push(record);
    if (this.current.length >= this.size) {
      this.ready.push(this.current);
      this.current = [];
    }
  };

  /** Full batches so far; with `all`, also the partial one (end of file). */
  take(all = false): SourceRecord[][] {
    if (all && this.current.length > 0) {
      this.ready.push(this.current);
      this.current = [];
    }
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
