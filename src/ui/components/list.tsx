/** A window of rows with one selected: only the rows on screen are rendered, whatever the list's length. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface ListRow {
  key: string;
  content: ReactNode;
}

export interface ListProps {
  rows: ListRow[];
  /** Index within `rows` of the selected row, -1 for none. */
  selected: number;
  width: number;
  height: number;
  /** Shown when there are no rows. */
  empty: string;
}

export function List({ rows, selected, width, height, empty }: ListProps) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {rows.map((row, i) => (
        <Text key={row.key} inverse={i === selected} wrap="truncate-end">
          {row.content}
        </Text>
      ))}
    </Box>
  );
}
