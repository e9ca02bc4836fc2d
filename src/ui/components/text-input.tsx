/** A one-line text field: a label, the text with its cursor, and the reason a value was refused. */
import { Box, Text } from 'ink';
import type { TextField } from '../text-edit.js';
import { useTheme } from '../theme.js';
import { textWidth, wrap } from '../text.js';

export interface TextInputProps {
  label: string;
  field: TextField;
  error?: string | undefined;
  width: number;
}

export function TextInput({ label, field, error, width }: TextInputProps) {
  const theme = useTheme();
  const chars = [...field.value];
  const at = Math.min(field.cursor, chars.length);
  // Keep the cursor in view when the text is longer than the line.
  const room = Math.max(4, width - textWidth(label) - 2);
  const start = Math.max(0, at - room + 1);
  const before = chars.slice(start, at).join('');
  const under = chars[at] ?? ' ';
  const after = chars.slice(at + 1, start + room).join('');
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{label} </Text>
        {before}
        <Text inverse>{under}</Text>
        {after}
      </Text>
      {error
        ? wrap(`✗ ${error}`, width).map((line, i) => (
            <Text key={i} color={theme.error} bold={!theme.color}>
              {line}
            </Text>
          ))
        : null}
    </Box>
  );
}
