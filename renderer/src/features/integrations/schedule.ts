import type { Schedule } from '../../../../common/attributes';
import { plural } from '../../../../common/format';

/** "Manual", "Hourly", "Daily", "Every 30 minutes". */
export function scheduleLabel(schedule: Schedule): string {
  if (schedule === 'manual') return 'Manual';
  if (schedule === 'hourly') return 'Hourly';
  if (schedule === 'daily') return 'Daily';
  return `Every ${plural(schedule.everyMinutes, 'minute')}`;
}
