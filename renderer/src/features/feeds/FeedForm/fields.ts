import type { FeedField, FeedFormValues, FieldErrors } from '../feedForm';

/** What each kind's fields get from the form. */
export interface FeedFieldsProps {
  values: FeedFormValues;
  set: <K extends keyof FeedFormValues>(field: K, value: FeedFormValues[K]) => void;
  errors: FieldErrors;
  /** The secrets the feed being edited has saved (`apiKey`, `header:X-Api-Key`). */
  savedSecrets: readonly string[];
  disabled: boolean;
}

export type { FeedField };
