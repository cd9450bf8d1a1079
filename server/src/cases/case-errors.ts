import type { CaseDetail } from '@valueloop/contracts';
import { AppError } from '../http/errors.ts';

/** A write with a stale `version`: carries the case as it is now, for the 409 body. */
export class CaseVersionConflict extends AppError {
  constructor(current: CaseDetail) {
    super(
      'conflict',
      `The case changed since you loaded it (now version ${current.version}); reload and retry`,
      { current },
    );
    this.name = 'CaseVersionConflict';
  }
}
