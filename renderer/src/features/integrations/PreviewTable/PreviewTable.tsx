import { Table, Text } from '@mantine/core';
import type { SourceColumn, SourcePreview } from '../../../../../common/attributes';
import { EMPTY } from '../../../../../common/format';
import classes from './PreviewTable.module.css';

export interface PreviewTableProps {
  preview: SourcePreview;
  /** Rows shown at most. @default 8 */
  rows?: number;
  /** A column drawn as the key (the join step). */
  highlight?: string | null;
}

/** The source's own type (`currency`, `NUMBER(38,2)`), or for a CSV the type its values suggest. */
export function typeLabel(c: SourceColumn): string {
  return c.sourceType === 'inferred' ? `${c.type} (from its values)` : c.sourceType;
}

/** A cell as text: times (ms since epoch from the connectors) as UTC dates or ISO times. */
export function cellText(c: Pick<SourceColumn, 'type'>, value: string | number | boolean): string {
  if (c.type === 'time' && typeof value === 'number' && Number.isFinite(value)) {
    const iso = new Date(value).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(value);
}

/** A table's first rows, each header with the source's type under it; scrolls sideways when wide. */
export function PreviewTable({ preview, rows = 8, highlight }: PreviewTableProps) {
  return (
    <div className={classes.scroller} data-testid="source-preview">
      <Table striped withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing="xs" className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            {preview.columns.map((c) => (
              <Table.Th key={c.name} data-key={c.name === highlight ? '' : undefined} className={c.name === highlight ? classes.key : undefined}>
                <Text size="xs" fw={700} className={classes.head} title={c.label}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed" fw={400}>
                  {typeLabel(c)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.slice(0, rows).map((row, i) => (
            <Table.Tr key={i}>
              {preview.columns.map((c) => {
                const value = row[c.name];
                return (
                  <Table.Td key={c.name} className={c.name === highlight ? classes.key : undefined}>
                    {value === null || value === undefined || value === '' ? (
                      <Text size="xs" c="dimmed" aria-label="empty">
                        {EMPTY}
                      </Text>
                    ) : (
                      <Text size="xs" className={classes.cell} title={cellText(c, value)}>
                        {cellText(c, value)}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
