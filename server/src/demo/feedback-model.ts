/**
 * The true parameters of the demo's interactions and customer responses: how often customers
 * are served, how often promises break, who answers, and how a respondent's latent experience
 * becomes answers on the survey's ordinal scales. See README.md ("Interactions and responses").
 *
 * Respondent latents, for customer c of branch u answering about an interaction in month t:
 *   x   = v_c + √ICC_V·dV_{u,t} + σ_occ·ε                 experience of this visit
 *   s   = s_c + β_VS·(x − v_c)                            satisfaction with this visit
 *   y   = y_c + β_SY·(s − s_c)                            loyalty after this visit
 * (v_c, s_c, y_c: the customer's persistent chain; dV_{u,t} = V_{u,t} − V*_u: the branch-month
 * deviation of the cross-lagged panel.) Each answer is an item latent
 *   a* = λ·(latent) + √(1 − λ²)·ε
 * cut at increasing thresholds: category k (0-based) when exactly k thresholds lie below a*.
 */
export interface DemoItemModel {
  /** Loading λ on its latent (negative: the item rises as the latent falls). */
  loading: number;
  /** Increasing cut points; the number of categories is thresholds.length + 1. */
  thresholds: number[];
}

export interface DemoFeedbackModel {
  /** Service interactions per expected purchase (times `scale`); λ_c gives the purchases. */
  interactionsPerPurchase: number;
  /** Shares of the interaction channels. */
  channels: { branch: number; phone: number; chat: number };
  /** Probability that a second employee of the branch also served. */
  secondEmployeeRate: number;
  /** Share of interactions that are requests promised in days (the rest: served in minutes). */
  requestShare: number;
  /**
   * Broken promises: logit P(broken) = logit(baseRate) + employeeValueLogOdds · E_{u,t}
   * (E_{u,t}: the branch's latent employee value that month).
   */
  brokenPromise: { baseRate: number; employeeValueLogOdds: number };
  /** Share of invited customers who answer (within the invitation's validity). */
  responseRate: number;
  /** Standard deviation of the visit-specific part of the experience, σ_occ. */
  occasionSd: number;
  /** Probability that an optional scale item is answered. */
  optionalAnswerRate: number;
  /** Probability that a respondent's "it took longer than promised" answer contradicts the record. */
  promiseMisreport: number;
  /** Probability of a comment; of praise naming the served employee; of thanking them (promoters). */
  commentRate: number;
  namedPraiseRate: number;
  promoterThanksRate: number;
  /** Share of customers who answer in Spanish. */
  spanishShare: number;
  items: {
    /** cv.result, cv.ease, cv.solved, cv.price, cv.effort: on the experience x. */
    result: DemoItemModel;
    ease: DemoItemModel;
    solved: DemoItemModel;
    price: DemoItemModel;
    effort: DemoItemModel;
    /** CSAT on satisfaction s; NPS and "I will come back" on loyalty y. */
    csat: DemoItemModel;
    nps: DemoItemModel;
    ret: DemoItemModel;
  };
}

const agreement = [-2.0, -1.3, -0.5, 0.6];

export const demoFeedbackModel: DemoFeedbackModel = {
  interactionsPerPurchase: 0.085,
  channels: { branch: 0.6, phone: 0.25, chat: 0.15 },
  secondEmployeeRate: 0.2,
  requestShare: 0.35,
  brokenPromise: { baseRate: 0.12, employeeValueLogOdds: -0.5 },
  responseRate: 0.25,
  occasionSd: 0.5,
  optionalAnswerRate: 0.95,
  promiseMisreport: 0.05,
  commentRate: 0.3,
  namedPraiseRate: 0.4,
  promoterThanksRate: 0.35,
  spanishShare: 0.15,
  items: {
    result: { loading: 0.8, thresholds: agreement },
    ease: { loading: 0.75, thresholds: agreement },
    solved: { loading: 0.8, thresholds: agreement },
    price: { loading: 0.45, thresholds: [-1.8, -0.9, 0.0, 1.1] },
    effort: { loading: -0.6, thresholds: [-0.5, 0.4, 1.1, 1.8] },
    csat: { loading: 0.85, thresholds: [-2.0, -1.4, -0.6, 0.5] },
    // Cumulative shares 1, 2, 3.5, 5, 7.5, 12, 20, 32, 52, 74 %: NPS ≈ +28 at the mean.
    nps: {
      loading: 0.85,
      thresholds: [-2.33, -2.05, -1.81, -1.645, -1.44, -1.175, -0.84, -0.47, 0.05, 0.64],
    },
    ret: { loading: 0.75, thresholds: agreement },
  },
};
