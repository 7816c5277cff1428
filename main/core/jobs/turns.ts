/**
 * One at a time, first come first served: the store has one writer, so import jobs take turns
 * instead of failing on each other's lock. A job still waiting for its turn can leave the line.
 */
export class Turns {
  private holder: string | null = null;
  private readonly line: Array<{ id: string; go: (granted: boolean) => void }> = [];

  /** Whether someone holds the turn now (a newcomer would have to wait). */
  get busy(): boolean {
    return this.holder !== null;
  }

  /** Resolves true when it is `id`'s turn, or false when it left the line first. */
  wait(id: string): Promise<boolean> {
    if (this.holder === null) {
      this.holder = id;
      return Promise.resolve(true);
    }
    return new Promise((go) => this.line.push({ id, go }));
  }

  /** Takes `id` out of the line; false when it is not waiting (it has the turn, or is gone). */
  leave(id: string): boolean {
    const at = this.line.findIndex((w) => w.id === id);
    if (at === -1) return false;
    const [waiter] = this.line.splice(at, 1);
    waiter!.go(false);
    return true;
  }

  /** `id` is done: the next in line gets the turn. */
  release(id: string): void {
    if (this.holder !== id) return;
    const next = this.line.shift();
    this.holder = next?.id ?? null;
    next?.go(true);
  }
}
