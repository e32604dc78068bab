import type { CliCommand } from './io.ts';

/** Every `trendloom` sub-command, in the order `--help` lists them. Each issue's command plugs in here. */
export const commands: CliCommand[] = [];
