/**
 * The causal model behind the Harbor Savings Bank demo: the *true* parameters that the
 * generated data obeys, so that ValueLoop's analyses (linkage path model, cross-lagged
 * direction of effect, key drivers, lifetime value) can be checked against known answers.
 *
 * Notation (all latent variables are on a standardized scale: mean 0, variance ≈ 1):
 *
 *   unit level (one value per unit u)
 *     L_u  manager service leadership          L_u ~ N(0, 1)
 *     C_u  service climate                     C_u = β_LC·L_u + √(1−β_LC²)·ε
 *     Q_u  internal service quality (back office only)
 *                                              Q_u = β_EQ·E*_u + √(1−β_EQ²)·ε
 *     E*_u unit employee value (EVI) baseline  E*_u = β_CE·C_u + β_QE·Q̄_u + σ_E·ε
 *          (Q̄_u = mean Q of the back-office units that support u; 0 when none)
 *     V*_u unit customer value (CVI) baseline  V*_u = β_EV·E*_u + √(1−β_EV²)·ε  (front line)
 *
 *   monthly panel (front-line units, months t = 0 … months−1), cross-lagged VAR(1) deviations
 *     dE_{u,t+1} = φ_E·dE_{u,t} + κ_VE·dV_{u,t} + σ_d·ε     (customer value → employee value)
 *     dV_{u,t+1} = φ_V·dV_{u,t} + κ_EV·dE_{u,t} + σ_d·ε     (employee value → customer value)
 *     E_{u,t} = E*_u + dE_{u,t},   V_{u,t} = V*_u + dV_{u,t}
 *
 *   individual level
 *     employee i in unit u:  e_i = √ICC_E·E*_u + √(1−ICC_E)·ε
 *     customer c of branch u:
 *       v_c = √ICC_V·V*_u + √(1−ICC_V)·ε                       customer value
 *       s_c = β_VS·v_c + √(1−β_VS²)·ε                          satisfaction
 *       y_c = β_SY·s_c + √(1−β_SY²)·ε                          loyalty
 *       λ_c = λ_segment · exp(β_Yλ·y_c − β_Yλ²/2)             purchases per month
 *     retention: logit P(employee i left) = logit(p₀) + β_exit·e_i
 *
 * Every ε is an independent standard normal draw. The residual scales are chosen so that each
 * variable keeps variance ≈ 1 (E*_u is exactly 1 only when Q̄_u has variance 1; it is a little
 * below 1 because Q̄_u averages several units). See README.md in this folder for the same table.
 */
import { type DemoFeedbackModel, demoFeedbackModel } from './feedback-model.ts';

export interface DemoCausalModel {
  /** Standardized path coefficients of the service value chain. */
  paths: {
    /** Manager service leadership → service climate (unit level). */
    leadershipToClimate: number;
    /** Service climate → unit employee value (EVI). */
    climateToEmployeeValue: number;
    /** Internal service quality of the supporting back-office units → employee value. */
    internalServiceToEmployeeValue: number;
    /** Back-office employee value → the internal service quality it delivers. */
    employeeValueToInternalService: number;
    /** Unit employee value (EVI) → unit customer value (CVI). */
    employeeValueToCustomerValue: number;
    /** Customer value → satisfaction (customer level). */
    customerValueToSatisfaction: number;
    /** Satisfaction → loyalty (customer level). */
    satisfactionToLoyalty: number;
    /** Loyalty → log purchase rate (customer level; not standardized: a log-rate slope). */
    loyaltyToLogPurchaseRate: number;
  };
  /** Share of individual variance that is between units (intraclass correlation). */
  intraclass: { employeeValue: number; customerValue: number };
  /** Cross-lagged monthly structure of the unit panel (deviations from the unit baseline). */
  crossLagged: {
    months: number;
    /** Months simulated and discarded before month 0 so the panel starts stationary. */
    burnIn: number;
    /** Autoregression of employee value. */
    employeeValueStability: number;
    /** Autoregression of customer value. */
    customerValueStability: number;
    /** Customer value at t → employee value at t+1. */
    customerToEmployee: number;
    /** Employee value at t → customer value at t+1. */
    employeeToCustomer: number;
    /** Standard deviation of each monthly innovation. */
    innovationSd: number;
  };
  /**
   * Retention: logit P(an employee left within the five-year window) =
   * logit(baseRate) + employeeValueLogOdds · e_i.
   */
  retention: { baseRate: number; employeeValueLogOdds: number };
  /** Mean purchases per customer per month by segment, before the loyalty effect. */
  purchaseRateBySegment: Record<CustomerSegment, number>;
  /** Interactions, invitations and how respondents answer (see feedback-model.ts). */
  feedback: DemoFeedbackModel;
}

export const customerSegments = ['retail', 'premier', 'small_business'] as const;
export type CustomerSegment = (typeof customerSegments)[number];

/** The documented true parameters. Change them here and in README.md together. */
export const demoCausalModel: DemoCausalModel = {
  paths: {
    leadershipToClimate: 0.6,
    climateToEmployeeValue: 0.5,
    internalServiceToEmployeeValue: 0.2,
    employeeValueToInternalService: 0.5,
    employeeValueToCustomerValue: 0.45,
    customerValueToSatisfaction: 0.7,
    satisfactionToLoyalty: 0.6,
    loyaltyToLogPurchaseRate: 0.35,
  },
  intraclass: { employeeValue: 0.3, customerValue: 0.2 },
  crossLagged: {
    months: 24,
    burnIn: 24,
    employeeValueStability: 0.5,
    customerValueStability: 0.6,
    // The articles argue customers drive employee satisfaction at least as much as the reverse;
    // the demo makes that direction the stronger one so the direction-of-effect analysis has
    // something to find.
    customerToEmployee: 0.3,
    employeeToCustomer: 0.15,
    innovationSd: 0.35,
  },
  retention: { baseRate: 0.1, employeeValueLogOdds: -0.6 },
  purchaseRateBySegment: { retail: 1.2, premier: 2.5, small_business: 4 },
  feedback: demoFeedbackModel,
};

/** √(1 − Σβ²), the residual scale that keeps a standardized variable at variance 1. */
export function residualSd(...coefficients: number[]): number {
  const explained = coefficients.reduce((s, b) => s + b * b, 0);
  if (explained >= 1) throw new Error('standardized coefficients explain more than all variance');
  return Math.sqrt(1 - explained);
}
