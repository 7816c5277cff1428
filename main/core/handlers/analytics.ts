/** `sessions.volume`: the Analytics page's chart, for any selection of users. */
import type { Handlers } from '../../../common/contract';
import { parseTime } from '../../../common/query';
import { ApiError } from '../dispatcher';
import { sessionVolume } from '../query/sessions';
import type { HandlerContext } from './context';

export function analyticsHandlers(ctx: HandlerContext): Pick<Handlers, 'sessions.volume'> {
  return {
    'sessions.volume': (i) => {
      const now = ctx.now();
      const time = (text: string | undefined, field: string): number | undefined => {
        if (text === undefined) return undefined;
        const t = parseTime(text.trim(), now);
        if (t === null) throw new ApiError('invalid_input', `"${field}" must be a date, a time or a relative time (now-30d), not "${text}"`);
        return t;
      };
      return sessionVolume(ctx.db, {
        filter: ctx.selection.resolve('user', i),
        interval: i.interval,
        from: time(i.from, 'from'),
        to: time(i.to, 'to'),
        breakdown: i.breakdown,
        top: i.top,
      }, ctx.catalog.table('user'));
    },
  };
}
