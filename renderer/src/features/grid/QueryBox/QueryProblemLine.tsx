import { Group, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import classes from './QueryBox.module.css';
import { echoParts, type QueryProblem } from './queryProblem';

export interface QueryProblemLineProps {
  problem: QueryProblem;
  id: string;
}

/**
 * Under the search box: why the query doesn't run, and the query echoed with the character at
 * the error's position marked (a marked gap when the query ends too early).
 */
export function QueryProblemLine({ problem, id }: QueryProblemLineProps) {
  const parts = problem.position === null ? null : echoParts(problem.query, problem.position);
  return (
    <div id={id} role="alert" className={classes.problem} data-testid="query-error">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconAlertCircle size={16} color="var(--mantine-color-error)" style={{ flexShrink: 0, marginTop: 2 }} />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" c="var(--mantine-color-error)">
            {problem.message}
          </Text>
          {parts && (
            <div className={classes.echo} data-testid="query-error-echo" aria-hidden>
              {parts.cutBefore && '…'}
              {parts.before}
              <span className={classes.at} data-testid="query-error-at">
                {parts.at === '' || parts.at === ' ' ? '\u00a0' : parts.at}
              </span>
              {parts.after}
              {parts.cutAfter && '…'}
            </div>
          )}
        </div>
      </Group>
    </div>
  );
}
