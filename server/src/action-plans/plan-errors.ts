import type { ActionPlanDetail } from '@valueloop/contracts';
import { AppError } from '../http/errors.ts';

/** A write with a stale `version`: carries the plan as it is now, for the 409 body. */
export class ActionPlanVersionConflict extends AppError {
  constructor(current: ActionPlanDetail, sent: number) {
    super(
      'conflict',
      `The plan changed since you loaded it: version ${sent} is stale, the current version is ${current.version}`,
      {
        errors: [{ field: 'body.version', message: `current version is ${current.version}` }],
        current,
      },
    );
    this.name = 'ActionPlanVersionConflict';
  }
}
