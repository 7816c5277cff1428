import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { FeedFile } from '../../../../../common/feeds';
import { formatBytes, formatNumber } from '../../../../../common/format';
import { TimeText } from '../../../components/TimeText';
import classes from './FeedHistory.module.css';

/** The files a folder feed has seen: imported once each, or failed (not retried until they change). */
export function FeedFiles({ files }: { files: FeedFile[] }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        Files
      </Title>
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          No file seen yet: files dropped into the folder show here once imported.
        </Text>
      ) : (
        <Table verticalSpacing={4} className={classes.table} data-testid="feed-files">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th className={classes.number}>Size</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th className={classes.number}>Events</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file) => (
              <Table.Tr key={`${file.name}:${file.at}`} data-file={file.name} data-status={file.status}>
                <Table.Td className={classes.fileName}>
                  <Text size="sm">{file.name}</Text>
                  {file.error && (
                    <Text size="xs" c="red" className={classes.error}>
                      {file.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className={classes.number}>{formatBytes(file.bytes)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={file.status === 'imported' ? 'teal' : 'red'} tt="none">
                    {file.status}
                  </Badge>
                </Table.Td>
                <Table.Td className={classes.number}>{formatNumber(file.events)}</Table.Td>
                <Table.Td>
                  <TimeText value={file.at} className={classes.nowrap} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
