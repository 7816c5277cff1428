/** The session-volume chart's payload (ARCHITECTURE.md §8), shared by the core, the CLI and the Analytics page. */

export type Interval = 'day' | 'week';

export interface SessionVolumePoint {
  /** The bucket's first day, `YYYY-MM-DD` (UTC; weeks start on Monday). */
  bucket: string;
  sessions: number;
  /** With a breakdown: the attribute's value, null for none, "other" beyond the top N. */
  value?: string | null;
}

export interface SessionVolume {
  interval: Interval;
  /** The covered range: the first bucket's start and the last bucket's end (exclusive), ISO. */
  from: string;
  to: string;
  /** With a breakdown: the attribute, and its series in order (top values by total, then null, then "other"). */
  breakdown?: string;
  values?: Array<string | null>;
  points: SessionVolumePoint[];
}

/** The series beyond the top N of a breakdown. */
export const OTHER_VALUE = 'other';
