import { describe, expect, it } from 'vitest';
import { runDurability } from '../../../bench/durability.ts';
import { createPostgresTestDatabase } from '../testing/harness.ts';

describe('response ingestion durability on postgres', () => {
  it('stores every acknowledged submission exactly once while the server is SIGKILLed and restarted', async () => {
    const report = await runDurability({
      databaseUrl: await createPostgresTestDatabase(),
      submissions: 200,
      kills: 3,
    });
    expect(report).toMatchObject({
      acknowledged: 200,
      kills: 3,
      stored: 200,
      duplicates: 0,
      missing: 0,
      withoutItemScores: 0,
      withoutEvent: 0,
      extraEvents: 0,
    });
    expect(report.retries).toBeGreaterThan(0);
  }, 150_000);
});
