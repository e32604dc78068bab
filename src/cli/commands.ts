import type { CliCommand } from './io.ts';
import { briefCommand } from './brief.ts';
import { classifyCommand } from './classify.ts';
import { conceptsCommand } from './concepts.ts';
import { forecastCommand } from './forecast.ts';
import { inspectCommand } from './inspect.ts';
import { planCommand } from './plan.ts';
import { suggestCommand } from './suggest.ts';
import { trainHeadCommand } from './trainHead.ts';
import { trendsCommand } from './trends.ts';

/** Every `trendloom` sub-command, in the order `--help` lists them. Each issue's command plugs in here. */
export const commands: CliCommand[] = [inspectCommand, trainHeadCommand, classifyCommand, suggestCommand, trendsCommand, forecastCommand, planCommand, conceptsCommand, briefCommand];
