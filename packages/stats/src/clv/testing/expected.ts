// Test-only: typed views of the reference expectations.
import { readRefJson } from './refdata.ts';

type Params = Record<string, number>;

export interface FixedParamsResults {
  params: { bgnbd: Params; pnbd: Params; mbgnbd: Params; gg: Params; bgbb: Params };
  bgnbd_E_X_t: Record<string, number>;
  bgnbd_P_X_t_eq_n: Record<string, number>;
  pnbd_E_X_t: Record<string, number>;
  mbgnbd_E_X_t: Record<string, number>;
  bgbb_expected_customers_by_num_transactions_first6: Record<string, number>;
  bgbb_sum_weighted_cond_exp_next5: number;
  sum_ll: Record<string, number>;
}

export interface LifetimesModel {
  params: Params;
  standard_errors: Params | null;
  log_likelihood: number;
  E_X_t_unconditional?: Record<string, number>;
  P_X_t_eq_n?: Record<string, number>;
  'customer_x26_tx30.857_T31'?: { cond_exp_52: number; p_alive: number };
  sum_weighted_cond_exp_next5?: number;
  expected_customers_by_num_transactions_first6?: Record<string, number>;
}

export interface LifetimesResults {
  models: Record<string, LifetimesModel>;
}

export interface ReferenceResults {
  models: Record<string, { params: Params; log_likelihood: number }>;
}

export type BtydResults = Record<
  string,
  {
    params: Params;
    LL: number;
    LL_at_published?: number;
    E_X_52?: number;
    cond_exp_52_x26?: number;
    p_alive_x26?: number;
    cond_exp_39_cust1?: number;
    expected_spend_first10?: number[];
    E_X_10?: number;
    cond_exp_10_custA?: number;
    cond_exp_10_custB?: number;
    p_alive?: Record<string, number>;
  }
>;

export const fixedParams = readRefJson<FixedParamsResults>('expected/fixed_params_results.json');
export const lifetimes = readRefJson<LifetimesResults>('expected/lifetimes_results.json');
export const reference = readRefJson<ReferenceResults>('expected/reference_results.json');
export const btyd = readRefJson<BtydResults>('expected/btyd_results.json');

/** Casts a reference parameter record to a model's parameter type after checking the keys. */
export function asParams<P>(record: Params, names: readonly (keyof P & string)[]): P {
  const out: Record<string, number> = {};
  for (const name of names) {
    const v = record[name] ?? (name === 'v' ? record.gamma : undefined);
    if (typeof v !== 'number') throw new Error(`missing parameter ${name}`);
    out[name] = v;
  }
  return out as P;
}
