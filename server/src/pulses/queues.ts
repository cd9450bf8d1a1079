/** Durable job queues of employee voice. Payload: { waveId } — computes a closed wave's released cells. */
export const EMPLOYEE_RESULTS_RELEASE_QUEUE = 'employee-results.release';

/** Daily: opens the due wave of every active program (singleton, reschedules itself). */
export const PULSE_SCHEDULE_QUEUE = 'pulses.schedule';
/** Payload { waveId }: the one reminder to invitees who have not answered. */
export const PULSE_REMIND_QUEUE = 'pulses.remind';
/** Payload { waveId }: closes the wave at its closing time. */
export const PULSE_CLOSE_QUEUE = 'pulses.close';
