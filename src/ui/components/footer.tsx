/** The footer: the keys that work here, generated from the keymap. */
import { Text } from 'ink';
import { footerLine, type KeyContext } from '../keymap.js';

export function Footer({ context, width }: { context: KeyContext; width: number }) {
  return (
    <Text dimColor wrap="truncate-end">
      {footerLine(context, width)}
    </Text>
  );
}
