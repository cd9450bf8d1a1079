import { actionPlanProbes } from '../action-plans/authorization-probes.ts';
import { caseRuleProbes } from '../case-rules/authorization-probes.ts';
import { caseProbes } from '../cases/authorization-probes.ts';
import { employeeResultProbes } from '../employee-results/authorization-probes.ts';
import { hrProbes } from '../hr/authorization-probes.ts';
import { notificationProbes } from '../notifications/authorization-probes.ts';
import { pulseProbes } from '../pulses/authorization-probes.ts';
import { recoveryProbes } from '../recovery/authorization-probes.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';

/** Route probes kept beside their modules; the core routes are listed in the test itself. */
export const moduleProbes: ProbeModule[] = [
  pulseProbes,
  employeeResultProbes,
  hrProbes,
  caseRuleProbes,
  caseProbes,
  recoveryProbes,
  actionPlanProbes,
  notificationProbes,
];
