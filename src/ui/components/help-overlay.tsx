/** The `?` overlay: every key of the wizard, from the keymap. */
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { clampTop } from '../scroll.js';
import { helpLines } from './help-lines.js';

export function HelpOverlay({ top, width, height }: { top: number; width: number; height: number }) {
  const theme = useTheme();
  const lines = helpLines(width);
  const rows = Math.max(1, height - 1);
  const first = clampTop(top, lines.length, rows);
  const shown = lines.slice(first, first + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent}>
        {`Keys${lines.length > rows ? ` (${first + 1}–${first + shown.length} of ${lines.length})` : ''}`}
      </Text>
      {shown.map((line, i) => (
        <Text key={first + i} bold={line.heading} color={line.heading ? theme.accent : undefined}>
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
