// The text of one value can start in one chunk and end several chunks later. Rather than
// keeping whole chunks around, keep only the slices that belong to the value.

export class Capture {
  active = false;
  /** Line on which the captured text starts. */
  line = 0;
  private parts: string[] = [];
  private start = 0;

  begin(index: number, line: number): void {
    this.active = true;
    this.parts = [];
    this.start = index;
    this.line = line;
  }

  /** A new chunk starts: an active capture continues from its first character. */
  nextChunk(): void {
    this.start = 0;
  }

  /** The chunk ends: keep the captured part of it. */
  endChunk(chunk: string): void {
    if (this.active) this.parts.push(chunk.slice(this.start));
  }

  /** Ends the capture at `end` (exclusive) in the current chunk and returns its text. */
  take(chunk: string, end: number): string {
    const last = chunk.slice(this.start, end);
    const text = this.parts.length === 0 ? last : this.parts.join('') + last;
    this.drop();
    return text;
  }

  drop(): void {
    this.active = false;
    this.parts = [];
  }
}
