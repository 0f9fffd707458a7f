import type { Command } from 'commander';

export interface Example {
  /** What the example does, in a few words. */
  does: string;
  /** The arguments after the command name. */
  args: string;
}

/**
 * Adds an "Examples" block to a command's help. The examples are written
 * with the name the user typed (`defenseclaw-audit export` or
 * `defenseclaw-gateway audit export`), so they can be pasted as shown.
 */
export function addExamples(
  command: Command,
  examples: readonly Example[],
): Command {
  return command.addHelpText('after', () => {
    const invocation = commandPath(command);
    const blocks = examples.map(
      (example) => `  # ${example.does}\n  $ ${invocation} ${example.args}`,
    );
    return `\nExamples:\n${blocks.join('\n\n')}\n`;
  });
}

/** The names from the program down to this command. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) {
    names.unshift(at.name());
  }
  return names.join(' ');
}
