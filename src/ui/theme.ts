/**
 * Colours, by role. Only the terminal's own 16 named colours are used, so the
 * wizard follows the user's palette (light or dark); with `--no-color` or
 * NO_COLOR every role is undefined and meaning is carried by text and
 * symbols alone (SPOF marker, severity words, `+`/`-` gutters, inverse
 * selection).
 */
import { createContext, useContext } from 'react';
import type { Severity } from '../rules/types.js';

type Colour = 'red' | 'redBright' | 'yellow' | 'green' | 'cyan' | 'blue' | 'magenta' | undefined;

export interface Theme {
  color: boolean;
  accent: Colour;
  spof: Colour;
  ok: Colour;
  warn: Colour;
  error: Colour;
  added: Colour;
  removed: Colour;
  severity: Record<Severity, Colour>;
}

/** The theme for a terminal with or without colours. */
export function createTheme(color: boolean): Theme {
  if (!color) {
    return {
      color,
      accent: undefined,
      spof: undefined,
      ok: undefined,
      warn: undefined,
      error: undefined,
      added: undefined,
      removed: undefined,
      severity: { critical: undefined, high: undefined, medium: undefined, low: undefined, info: undefined },
    };
  }
  return {
    color,
    accent: 'cyan',
    spof: 'red',
    ok: 'green',
    warn: 'yellow',
    error: 'red',
    added: 'green',
    removed: 'red',
    severity: { critical: 'redBright', high: 'red', medium: 'yellow', low: 'cyan', info: undefined },
  };
}

export const ThemeContext = createContext<Theme>(createTheme(false));

/** The theme of the running wizard. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
