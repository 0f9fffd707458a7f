/** The few text styles the command line uses, or plain text. */
export interface TerminalStyle {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

interface MaybeTerminal {
  isTTY?: boolean;
}

/**
 * Colour only on a terminal, and never when `NO_COLOR` is set to anything
 * (https://no-color.org) or the terminal says it cannot show it.
 */
export function styleFor(
  stream: MaybeTerminal,
  env: NodeJS.ProcessEnv = process.env,
): TerminalStyle {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const enabled = stream.isTTY === true && !noColor && env['TERM'] !== 'dumb';
  const sgr = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
  };
}

/**
 * The width to fit lines into, or undefined to leave them whole: when the
 * stream is not a terminal, or one that reports no useful size (a pty
 * without a window reports 0 columns).
 */
export function terminalWidth(stream: {
  isTTY?: boolean;
  columns?: number;
}): number | undefined {
  const columns = stream.isTTY === true ? (stream.columns ?? 0) : 0;
  return columns >= 40 ? columns : undefined;
}
