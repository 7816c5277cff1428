export { JobStatus } from './JobStatus';
