import { useEffect, useMemo, useState } from 'react';
import type { AttributeSpec } from '../../../../common/keys';
import { call } from '../../api';
import { breakdownAttributes, BREAKDOWN_MAX_VALUES, needsVarietyCheck, withVariety } from './request';

/**
 * The user attributes a breakdown can use. Custom text counts as a breakdown when it has few
 * distinct values, which the core doesn't say: they are counted here (`users.values`, one call
 * per custom text attribute, again whenever the attributes are reloaded after a sync).
 */
export function useBreakdownAttributes(attributes: readonly AttributeSpec[]): AttributeSpec[] {
  const [varieties, setVarieties] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    for (const spec of attributes.filter(needsVarietyCheck)) {
      call('users.values', { key: spec.key, filter: null, limit: BREAKDOWN_MAX_VALUES + 1 }).then(
        ({ values }) => live && setVarieties((v) => ({ ...v, [spec.key]: values.length })),
        // Unreadable values: not offered, rather than offered and failing.
        () => live && setVarieties((v) => ({ ...v, [spec.key]: Infinity })),
      );
    }
    return () => {
      live = false;
    };
  }, [attributes]);

  return useMemo(() => breakdownAttributes(withVariety(attributes, varieties)), [attributes, varieties]);
}
