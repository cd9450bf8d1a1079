/**
 * The true parameters of the demo's employee voice: who is invited and answers each wave, and
 * how a respondent's latents become answers on the employee item bank. See README.md
 * ("Employee pulses").
 *
 * For employee i of unit u in month t (ρ = ICC_E, the model's intraclass.employeeValue):
 *   p_i = (e_i − √ρ·E*_u) / √(1 − ρ)          the person's own part of employee value (people.ts)
 *   c_i = β_CE·p_i + √(1 − β_CE²)·ε            their own view of the climate (persistent)
 *   l_i = β_LC·c_i + √(1 − β_LC²)·ε            their own view of their manager (persistent)
 *   leadership  λ = √ρ·L_u + √(1−ρ)·l_i + σ_occ·ε
 *   climate     κ = √ρ·C_u + √(1−ρ)·c_i + σ_occ·ε
 *   value       e = √ρ·E_{u,t} + √(1−ρ)·p_i + σ_occ·ε      E_{u,t} = E*_u + dE_{u,t} (the panel)
 * so unit means follow the chain L → C → E of the causal model, month-to-month EVI moves with the
 * panel (branches; other units keep E*_u), and the people who later leave answer lower.
 * Internal service: a rater of unit u rates back-office unit b with q = √ρ·Q_b + √(1−ρ)·ε.
 * Manager upward: a manager rates the support from above with s = √ρ·L_parent + √(1−ρ)·ε
 * (L_parent: the leadership latent of the unit above theirs, Head Office's for root units).
 * Each item is a* = loading·latent + √(1 − loading²)·ε cut at its thresholds (respondents.ts).
 */
import type { DemoItemModel } from './feedback-model.ts';

export interface DemoPulseModel {
  /** Share of the invited who answer, drawn per unit and program; per wave ± waveJitter. */
  participation: { min: number; max: number; waveJitter: number; floor: number; ceiling: number };
  /** Visit-like noise of one wave's answers around the person's latents (σ_occ). */
  occasionSd: number;
  /** Probability that an optional item is answered. */
  optionalAnswerRate: number;
  /** Probability of a comment: pulse, internal service, upward. */
  commentRate: { pulse: number; internal: number; upward: number };
  /** Days each wave stays open; the answer day is exponential with this mean after opening. */
  openDays: number;
  meanAnswerDelayDays: number;
  /** Items by construct code: the latent they load on and their cut points. */
  items: Record<
    string,
    DemoItemModel & { on: 'leadership' | 'climate' | 'value' | 'isq' | 'upward' }
  >;
}

const agreement = [-2.0, -1.3, -0.5, 0.6];
/** Self-ratings of skill and attitude run high. */
const selfRated = [-2.4, -1.8, -1.0, 0.2];

export const demoPulseModel: DemoPulseModel = {
  participation: { min: 0.55, max: 0.85, waveJitter: 0.06, floor: 0.4, ceiling: 0.95 },
  occasionSd: 0.5,
  optionalAnswerRate: 0.95,
  commentRate: { pulse: 0.08, internal: 0.05, upward: 0.15 },
  openDays: 14,
  meanAnswerDelayDays: 3,
  items: {
    'ev.solve': { on: 'value', loading: 0.75, thresholds: agreement },
    'ev.grow': { on: 'value', loading: 0.7, thresholds: agreement },
    'ev.recognition': { on: 'value', loading: 0.75, thresholds: agreement },
    'ev.fair': { on: 'value', loading: 0.7, thresholds: agreement },
    'ev.peers': { on: 'value', loading: 0.65, thresholds: agreement },
    'ev.pay': { on: 'value', loading: 0.45, thresholds: [-1.6, -0.7, 0.2, 1.2] },
    'climate.tools': { on: 'climate', loading: 0.7, thresholds: agreement },
    'climate.voice': { on: 'climate', loading: 0.75, thresholds: agreement },
    'lead.support': { on: 'leadership', loading: 0.8, thresholds: agreement },
    'lead.recognize': { on: 'leadership', loading: 0.8, thresholds: agreement },
    'identity.pride': { on: 'value', loading: 0.6, thresholds: agreement },
    'expertise.operational': { on: 'value', loading: 0.35, thresholds: selfRated },
    'expertise.service': { on: 'value', loading: 0.45, thresholds: selfRated },
    attitude: { on: 'value', loading: 0.55, thresholds: selfRated },
    stay: { on: 'value', loading: 0.65, thresholds: [-1.6, -0.9, -0.2, 0.8] },
    praise_matters: { on: 'value', loading: 0.3, thresholds: [-2.6, -2.0, -1.2, -0.1] },
    // 0–10: cumulative shares 1, 2, 4, 6, 9, 14, 23, 38, 62, 82 % (eNPS ≈ 0 at the mean).
    enps: {
      on: 'value',
      loading: 0.75,
      thresholds: [-2.33, -2.05, -1.75, -1.55, -1.34, -1.08, -0.74, -0.31, 0.31, 0.92],
    },
    isq: { on: 'isq', loading: 0.8, thresholds: agreement },
    'upward.support': { on: 'upward', loading: 0.75, thresholds: agreement },
    'upward.strategy': { on: 'upward', loading: 0.6, thresholds: agreement },
  },
};
