/**
 * The API contract, declared once: every method with its input schema and output type, and
 * every event. The dispatcher validates inputs against it; the handler object is typed against
 * it (a missing method fails to compile); the renderer client and both transports derive from it.
 */
import { z } from 'zod';
import { FILTER_LIMITS, filterLimitError, type Filter } from './filter';
import type { ProfileRow } from './keys';
import type {
  AccountDetail,
  JobFinished,
  JobProgress,
  StoreInfo,
  UserDetail,
} from './types';

const key = z.string().min(1).max(200);
const filterValue = z.union([z.string(), z.number()]);

export const filterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('and'), items: z.array(filterSchema).max(FILTER_LIMITS.nodes) }),
    z.object({ op: z.literal('or'), items: z.array(filterSchema).max(FILTER_LIMITS.nodes) }),
    z.object({ op: z.literal('not'), item: filterSchema }),
    z.object({ op: z.literal('text'), text: z.string().max(1000), phrase: z.boolean().optional() }),
    z.object({ op: z.literal('eq'), key, value: filterValue }),
    z.object({ op: z.literal('in'), key, values: z.array(filterValue).max(FILTER_LIMITS.inValues) }),
    z.object({ op: z.literal('contains'), key, value: z.string().max(1000) }),
    z.object({ op: z.literal('like'), key, pattern: z.string().max(1000) }),
    z.object({ op: z.literal('exists'), key }),
    z.object({ op: z.literal('segment'), name: z.string().min(1).max(200) }),
    z.object({
      op: z.literal('range'),
      key,
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
    }),
  ]),
) as z.ZodType<Filter>;

/**
 * A whole filter, within FILTER_LIMITS. The dispatcher bounds the nesting of every input before
 * this runs (see inputDepthError), so the recursive parse above cannot overflow the stack.
 */
const rootFilter = filterSchema.superRefine((filter, ctx) => {
  const error = filterLimitError(filter);
  if (error !== null) ctx.addIssue({ code: 'custom', message: error });
});

/** Files one import may take (the browser host also lets this many uploads wait for one). */
export const MAX_IMPORT_PATHS = 1000;

const sortSchema = z.array(z.object({ key, dir: z.enum(['asc', 'desc']) })).max(10);

const pageInput = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
  sort: sortSchema.default([]),
  filter: rootFilter.nullable().default(null),
});
const countInput = z.object({ filter: rootFilter.nullable().default(null) });
const idInput = z.object({ id: z.string().min(1).max(1000) });
const valuesInput = z.object({
  key,
  filter: rootFilter.nullable().default(null),
  limit: z.number().int().min(1).max(1000).default(200),
});
const none = z.object({}).default({});

export interface ValueCount {
  value: string;
  count: number;
}

/** A method: its input schema and (phantom) output type. */
interface Method<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
const method = <I extends z.ZodType, O>(input: I): Method<I, O> => ({ input });

export const methods = {
  'users.page': method<typeof pageInput, { rows: ProfileRow[] }>(pageInput),
  'users.count': method<typeof countInput, { count: number }>(countInput),
  'users.get': method<typeof idInput, UserDetail>(idInput),
  'users.values': method<typeof valuesInput, { values: ValueCount[] }>(valuesInput),
  'accounts.page': method<typeof pageInput, { rows: ProfileRow[] }>(pageInput),
  'accounts.count': method<typeof countInput, { count: number }>(countInput),
  'accounts.get': method<typeof idInput, AccountDetail>(idInput),
  'accounts.values': method<typeof valuesInput, { values: ValueCount[] }>(valuesInput),
  /** Paths on the host; in the browser host, upload ids returned by `POST /upload`. */
  'imports.start': method<z.ZodType<{ paths: string[] }>, { jobId: string }>(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_IMPORT_PATHS) }),
  ),
  /** Loads the bundled sample data set. */
  'imports.sample': method<typeof none, { jobId: string }>(none),
  'jobs.cancel': method<z.ZodType<{ jobId: string }>, { cancelled: boolean }>(
    z.object({ jobId: z.string().min(1).max(100) }),
  ),
  'jobs.list': method<typeof none, { jobs: JobProgress[] }>(none),
  'store.info': method<typeof none, StoreInfo>(none),
  /** Small UI preferences (grid layouts) kept in the store. */
  'prefs.get': method<z.ZodType<{ key: string }>, { value: unknown }>(
    z.object({ key: z.string().min(1).max(200) }),
  ),
  'prefs.set': method<z.ZodType<{ key: string; value: unknown }>, Record<string, never>>(
    z.object({ key: z.string().min(1).max(200), value: z.unknown() }),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Events pushed from the core to every connected client. */
export interface Events {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  'profiles.changed': { kinds: Array<'user' | 'account'> };
}
export type EventName = keyof Events;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: Events[E];
}

/** The handler object every host dispatches to: one function per method. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
