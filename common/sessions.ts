/**
 * A session's attributes, listed once: the store keeps these per (user, session), the profile
 * detail returns them (SessionSummary), and the app's sessions table and `profile-desk show`
 * show the columns below, in this order.
 */
import type { SessionSummary } from './types';

/** The text attributes a session summary carries, each the session's earliest non-empty value. */
export const SESSION_ATTRIBUTES = ['application_id', 'country_code', 'device_type', 'browser_name', 'os_name'] as const satisfies ReadonlyArray<keyof SessionSummary>;
export type SessionAttribute = (typeof SESSION_ATTRIBUTES)[number];

export interface SessionColumn {
  key: keyof SessionSummary;
  label: string;
  /** How the value reads: a time, a duration in ms, a count, a country code, or plain text. */
  type: 'time' | 'duration' | 'number' | 'country' | 'text';
}

/** The columns of a user's session history, as the app and the CLI show it. */
export const SESSION_COLUMNS: readonly SessionColumn[] = [
  { key: 'start', label: 'Start', type: 'time' },
  { key: 'duration_ms', label: 'Duration', type: 'duration' },
  { key: 'views', label: 'Views', type: 'number' },
  { key: 'actions', label: 'Actions', type: 'number' },
  { key: 'errors', label: 'Errors', type: 'number' },
  { key: 'country_code', label: 'Country', type: 'country' },
  { key: 'device_type', label: 'Device', type: 'text' },
  { key: 'browser_name', label: 'Browser', type: 'text' },
  { key: 'os_name', label: 'OS', type: 'text' },
];
