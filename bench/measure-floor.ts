/** The floor (floor.ts) in a child process of its own, so its memory and CPU are its own. */
import { serveChild } from './child';
import { readAndParse } from './floor';

export type { FloorInput, FloorResult } from './floor';

serveChild(readAndParse);
