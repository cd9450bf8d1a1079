import {
  computeBgNbdLogLikelihood,
  computeBgNbdProbabilityAlive,
  computeBgNbdPurchaseProbability,
  predictBgNbdConditionalPurchases,
  predictBgNbdPurchases,
} from './bgnbd.ts';
import {
  computeMbgNbdLogLikelihood,
  computeMbgNbdProbabilityAlive,
  computeMbgNbdPurchaseProbability,
  predictMbgNbdConditionalPurchases,
  predictMbgNbdPurchases,
} from './mbgnbd.ts';
import {
  computeParetoNbdLogLikelihood,
  computeParetoNbdProbabilityAlive,
  computeParetoNbdPurchaseProbability,
  predictParetoNbdConditionalPurchases,
  predictParetoNbdPurchases,
} from './pareto-nbd.ts';
import type { RfmInput, TransactionModel } from './types.ts';

export interface TransactionModelCustomersOptions {
  model: TransactionModel;
  customers: RfmInput;
}

/** Expected purchases in (T, T + t] for each customer, for any continuous-time model. */
export function predictConditionalPurchases(
  options: TransactionModelCustomersOptions & { t: number },
): number[] {
  const { model, customers, t } = options;
  switch (model.model) {
    case 'bgnbd':
      return predictBgNbdConditionalPurchases({ params: model.params, customers, t });
    case 'mbgnbd':
      return predictMbgNbdConditionalPurchases({ params: model.params, customers, t });
    case 'pareto-nbd':
      return predictParetoNbdConditionalPurchases({ params: model.params, customers, t });
  }
}

/** P(alive at T) for each customer. */
export function computeProbabilityAlive(options: TransactionModelCustomersOptions): number[] {
  const { model, customers } = options;
  switch (model.model) {
    case 'bgnbd':
      return computeBgNbdProbabilityAlive({ params: model.params, customers });
    case 'mbgnbd':
      return computeMbgNbdProbabilityAlive({ params: model.params, customers });
    case 'pareto-nbd':
      return computeParetoNbdProbabilityAlive({ params: model.params, customers });
  }
}

/** Per-customer and total log-likelihood. */
export function computeLogLikelihood(options: TransactionModelCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { model, customers } = options;
  switch (model.model) {
    case 'bgnbd':
      return computeBgNbdLogLikelihood({ params: model.params, customers });
    case 'mbgnbd':
      return computeMbgNbdLogLikelihood({ params: model.params, customers });
    case 'pareto-nbd':
      return computeParetoNbdLogLikelihood({ params: model.params, customers });
  }
}

/** E[X(t)] for a new customer. */
export function predictNewCustomerPurchases(options: {
  model: TransactionModel;
  t: number;
}): number {
  const { model, t } = options;
  switch (model.model) {
    case 'bgnbd':
      return predictBgNbdPurchases({ params: model.params, t });
    case 'mbgnbd':
      return predictMbgNbdPurchases({ params: model.params, t });
    case 'pareto-nbd':
      return predictParetoNbdPurchases({ params: model.params, t });
  }
}

/** P(X(t) = n) for a new customer. */
export function computePurchaseProbability(options: {
  model: TransactionModel;
  t: number;
  n: number;
}): number {
  const { model, t, n } = options;
  switch (model.model) {
    case 'bgnbd':
      return computeBgNbdPurchaseProbability({ params: model.params, t, n });
    case 'mbgnbd':
      return computeMbgNbdPurchaseProbability({ params: model.params, t, n });
    case 'pareto-nbd':
      return computeParetoNbdPurchaseProbability({ params: model.params, t, n });
  }
}
