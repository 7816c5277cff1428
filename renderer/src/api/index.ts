export { call, onEvent, onReconnect, getTransport, setTransport } from './client';
export { ApiError, errorMessage } from './errors';
export { useEvent, useQuery, type QueryState } from './hooks';
export type { Transport } from './transport';
