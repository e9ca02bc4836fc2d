/**
 * How the terminal is divided. Reducers (page sizes, scrolling) and views
 * (heights) read the same functions, so a page down moves exactly one
 * visible page at any size.
 */

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The smallest terminal the wizard lays out in; below it a notice asks for more room. */
export const MIN_SIZE: TerminalSize = { columns: 60, rows: 16 };

/** True when the terminal is too small to lay the screens out. */
export function isTooSmall(size: TerminalSize): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

/**
 * Lines the wizard draws: one less than the terminal has, so the frame never
 * fills the last line and the terminal never scrolls.
 */
export function frameHeight(size: TerminalSize): number {
  return Math.max(1, size.rows - 1);
}

/** Lines between the header and the footer. */
export function bodyHeight(size: TerminalSize): number {
  return Math.max(1, frameHeight(size) - 2);
}

/** Rows of the workload list (below its title and column header). */
export function listRows(size: TerminalSize): number {
  return Math.max(1, bodyHeight(size) - 2);
}

/** Lines of scrolling text under a one-line title (preview, help, export results). */
export function pageRows(size: TerminalSize): number {
  return Math.max(1, bodyHeight(size) - 1);
}

/** The detail screen: a title, the AWS and plan panes side by side, the source of the selected value, the findings. */
export function detailLayout(size: TerminalSize): { paneRows: number; sourceRows: number; findingRows: number; leftWidth: number; rightWidth: number; findingWidth: number } {
  const body = bodyHeight(size) - 1;
  const sourceRows = 3;
  const paneRows = Math.max(3, Math.floor((body - sourceRows) * 0.55) - 1);
  const findingRows = Math.max(1, body - paneRows - 1 - sourceRows - 1);
  const leftWidth = Math.floor((size.columns - 1) / 2);
  return { paneRows, sourceRows, findingRows, leftWidth, rightWidth: size.columns - 1 - leftWidth, findingWidth: size.columns };
}
