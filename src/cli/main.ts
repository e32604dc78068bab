import { commands } from './commands.ts';
import { terminalText } from '../core/terminalText.ts';
import { CliUsageError, processIO, type CliIO } from './io.ts';

/** Runs `trendloom <command> …` and resolves to the exit status (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], output: CliIO = processIO): Promise<number> {
  // Everything on standard error is a message (progress, notes, errors) and may quote a cell: its
  // control characters are shown escaped. Standard output carries data (CSV, JSON) and is escaped
  // by the commands where it is a message.
  // The progress line is a message too; it is cleared before an error is printed.
  const progress = output.progress;
  const io: CliIO = { ...output, out: (text) => output.out(text), err: (text) => output.err(terminalText(text)), progress: progress ? (line) => progress(terminalText(line)) : undefined };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`trendloom: unknown command '${name}'.\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    progress?.('');
    if (error instanceof CliUsageError) {
      io.err(`trendloom ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`trendloom ${name}: ${message}\n`);
    return 1;
  }
}

function helpText(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: trendloom <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'trendloom <command> --help' for a command's options.\n`;
}
