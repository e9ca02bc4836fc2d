/** The help overlay's lines, generated from the keymap so every key is listed. */
import { helpSections } from '../keymap.js';
import { fit, truncate } from '../text.js';

export interface HelpLine {
  text: string;
  heading: boolean;
}

const KEYS_WIDTH = 22;

export function helpLines(width: number): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of helpSections()) {
    if (lines.length > 0) lines.push({ text: '', heading: false });
    lines.push({ text: section.title, heading: true });
    for (const row of section.rows) lines.push({ text: truncate(`  ${fit(row.keys, KEYS_WIDTH)} ${row.help}`, width), heading: false });
  }
  return lines;
}

export function helpLineCount(width: number): number {
  return helpLines(width).length;
}
