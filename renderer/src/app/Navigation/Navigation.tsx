import { Badge, NavLink, Stack } from '@mantine/core';
import { IconBuilding, IconChartBar, IconFilter, IconPlugConnected, IconUsers } from '@tabler/icons-react';
import { formatNumber } from '../../../../common/format';
import type { PageId } from '../pages';
import classes from './Navigation.module.css';

export interface NavigationProps {
  page: PageId;
  onNavigate: (page: PageId) => void;
  users: number | undefined;
  accounts: number | undefined;
}

/** The left navigation: the two profile pages, Segments, Analytics, Integrations. */
export function Navigation({ page, onNavigate, users, accounts }: NavigationProps) {
  const count = (n: number | undefined) =>
    n === undefined ? null : (
      <Badge size="sm" variant="light" color="gray" className={classes.count}>
        {formatNumber(n)}
      </Badge>
    );
  return (
    <Stack gap={2} component="nav" aria-label="Pages">
      <NavLink
        label="Users"
        leftSection={<IconUsers size={18} />}
        rightSection={count(users)}
        active={page === 'users'}
        onClick={() => onNavigate('users')}
        aria-current={page === 'users' ? 'page' : undefined}
        className={classes.link}
      />
      <NavLink
        label="Accounts"
        leftSection={<IconBuilding size={18} />}
        rightSection={count(accounts)}
        active={page === 'accounts'}
        onClick={() => onNavigate('accounts')}
        aria-current={page === 'accounts' ? 'page' : undefined}
        className={classes.link}
      />
      <NavLink
        label="Segments"
        leftSection={<IconFilter size={18} />}
        active={page === 'segments'}
        onClick={() => onNavigate('segments')}
        aria-current={page === 'segments' ? 'page' : undefined}
        className={classes.link}
      />
      <NavLink
        label="Analytics"
        leftSection={<IconChartBar size={18} />}
        active={page === 'analytics'}
        onClick={() => onNavigate('analytics')}
        aria-current={page === 'analytics' ? 'page' : undefined}
        className={classes.link}
      />
      <NavLink
        label="Integrations"
        leftSection={<IconPlugConnected size={18} />}
        active={page === 'integrations'}
        onClick={() => onNavigate('integrations')}
        aria-current={page === 'integrations' ? 'page' : undefined}
        className={classes.link}
      />
    </Stack>
  );
}
