/** `valueloop clv fit|predict`: customer-base ("buy till you die") models on CSV files. */
import { CliError } from '../errors.ts';
import { CLV_FIT_USAGE, runClvFit } from './clv-fit.ts';
import { CLV_PREDICT_USAGE, runClvPredict } from './clv-predict.ts';
import type { Command } from './types.ts';

export const clvCommand: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'fit') return runClvFit(rest);
    if (sub === 'predict') return runClvPredict(rest);
    throw new CliError(
      `${sub ? `unknown subcommand '${sub}'; ` : ''}usage: ${CLV_FIT_USAGE} | ${CLV_PREDICT_USAGE}`,
    );
  },
};
