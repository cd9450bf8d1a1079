import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../auth/secrets.ts';

/**
 * Signs the time an open-link form was rendered, so the no-JavaScript form can report an
 * answering time the client cannot forge. The key lives in the process: after a restart (or
 * on another instance) an old form's stamp no longer verifies and the time is simply unknown.
 */
export function createStartStamper(key: Buffer = randomBytes(32)) {
  const mac = (ms: string) => createHmac('sha256', key).update(ms).digest('base64url');
  return {
    stamp(now: Date): string {
      const ms = String(now.getTime());
      return `${ms}.${mac(ms)}`;
    },
    /** The signed start time, or null when missing, malformed or forged. */
    verify(stamp: string | undefined): Date | null {
      const [ms, sig] = (stamp ?? '').split('.');
      if (!ms || !sig || !/^\d{1,15}$/.test(ms) || !safeEqual(sig, mac(ms))) return null;
      return new Date(Number(ms));
    },
  };
}
export type StartStamper = ReturnType<typeof createStartStamper>;
