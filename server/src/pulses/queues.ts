/** Durable job queues of employee voice. Payload: { waveId } — computes a closed wave's released cells. */
export const EMPLOYEE_RESULTS_RELEASE_QUEUE = 'employee-results.release';
