import { writeJson, writeText } from '../stats-io/format.ts';
import type { Command } from './types.ts';

/** A command that parses its flags, runs, and prints the output as JSON (`--json`) or text. */
export function analystCommand<O, R>(
  parse: (args: string[]) => { options: O; json: boolean },
  run: (options: O) => R | Promise<R>,
  render: (out: R) => string,
): Command {
  return {
    async run(args) {
      const { options, json } = parse(args);
      const out = await run(options);
      if (json) writeJson(out);
      else writeText(render(out));
      return 0;
    },
  };
}
