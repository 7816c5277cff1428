export { NeverRunBadge, RUN_BADGES, RunError, RunningStatus, type RunningStatusProps } from './RunStatus';
