import { describe, expect, it } from 'vitest';
import { refdata, runCli, tempFiles } from '../stats-io/testing.ts';

// End to end through `node cli/bin/valueloop.js`: the real argument parsing, stdout and exit codes.
describe('valueloop analyst commands as a child process', () => {
  it('prints the BG/NBD fit as JSON and bad input as one line with exit code 2', async () => {
    const bad = tempFiles({ 'data.csv': 'x,t_x,T\n1,2,10\n0,abc,8\n' });
    const [fit, nonNumeric, unknownModel] = await Promise.all([
      runCli([
        'clv',
        'fit',
        '--input',
        refdata('clv/data/BTYD_cdnowSummary_cbs.csv'),
        '--model',
        'bgnbd',
        '--json',
      ]),
      runCli(['clv', 'fit', '--input', bad['data.csv'], '--model', 'bgnbd']),
      runCli(['clv', 'fit', '--input', bad['data.csv'], '--model', 'nbd']),
    ]);

    expect(fit.code, fit.stderr).toBe(0);
    const out = JSON.parse(fit.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'model',
        'params',
        'standardErrors',
        'logLikelihood',
        'n',
        'converged',
        'iterations',
      ]),
    );
    expect(out.params.r).toBeCloseTo(0.243, 3);
    expect(out.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(fit.stderr).toBe('');

    for (const run of [nonNumeric, unknownModel]) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(nonNumeric.stderr).toMatch(/data\.csv: row 2, column t_x: 'abc' is not a number/);
    expect(unknownModel.stderr).toMatch(/--model: unknown value 'nbd'/);
  });
});
