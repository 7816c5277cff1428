/** The store's floor (write-floor.ts) in a child process of its own, so its memory and CPU are its own. */
import { serveChild } from './child';
import { writeFloor, type WriteFloorInput } from './write-floor';

export type { WriteFloorInput, WriteFloorResult } from './write-floor';

serveChild(async (input: WriteFloorInput) => writeFloor(input));
