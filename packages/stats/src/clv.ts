// Customer-base ("buy till you die") models: BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma.
export * from './clv/index.ts';
