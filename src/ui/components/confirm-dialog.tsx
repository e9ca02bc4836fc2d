/** A question that needs an answer before anything else happens (overwrite files, quit without saving). */
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { truncate } from '../text.js';

export interface ConfirmDialogProps {
  title: string;
  lines: string[];
  /** The answers, as `key label` pairs: `y overwrite`. */
  choices: string[];
  width: number;
  /** At most this many lines of `lines` are shown; the rest is counted. */
  maxLines?: number;
}

export function ConfirmDialog({ title, lines, choices, width, maxLines = 8 }: ConfirmDialogProps) {
  const theme = useTheme();
  const inner = Math.max(10, width - 4);
  const shown = lines.slice(0, maxLines);
  const hidden = lines.length - shown.length;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warn} paddingX={1} width={width}>
      <Text bold color={theme.warn}>
        {truncate(title, inner)}
      </Text>
      {shown.map((line, i) => (
        <Text key={i}>{truncate(line, inner)}</Text>
      ))}
      {hidden > 0 ? <Text dimColor>{`… and ${hidden} more`}</Text> : null}
      <Text bold>{truncate(choices.join('   '), inner)}</Text>
    </Box>
  );
}
