/** The header: where you are (breadcrumbs) and whether decisions are unsaved. */
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { fit, textWidth, truncate } from '../text.js';

export interface HeaderProps {
  label: string;
  trail: string[];
  decided: number;
  dirty: boolean;
  width: number;
}

export function Header({ label, trail, decided, dirty, width }: HeaderProps) {
  const theme = useTheme();
  const right = decided === 0 && !dirty ? '' : `${decided} decided${dirty ? ' · unsaved' : ' · saved'}`;
  const left = truncate(`kubelift plan · ${label} · ${trail.join(' › ')}`, Math.max(1, width - textWidth(right) - 1));
  return (
    <Box width={width}>
      <Text bold color={theme.accent}>
        {fit(left, width - textWidth(right))}
      </Text>
      <Text color={dirty ? theme.warn : theme.ok}>{right}</Text>
    </Box>
  );
}
