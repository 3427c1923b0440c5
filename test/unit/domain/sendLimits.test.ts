import { SendLimiter, teamsSendLimits } from '../../../src/domain/reminders/sendLimits';

/** Sends as fast as the limiter allows, from t=0, and returns when each one left. */
function sendAll(limiter: SendLimiter, targets: { conversation: string; tenant: string }[]): number[] {
  let now = 0;
  return targets.map(({ conversation, tenant }) => {
    now = limiter.earliest(conversation, tenant, now);
    limiter.record(conversation, tenant, now);
    return now;
  });
}

const countIn = (times: number[], from: number, ms: number) => times.filter((t) => t >= from && t < from + ms).length;

describe('keeping Teams\' send limits', () => {
  it('lets 7 messages to one conversation go at once, then at most 8 in any 2 s and 60 in any 30 s', () => {
    const times = sendAll(new SendLimiter(teamsSendLimits, 0), Array.from({ length: 120 }, () => ({ conversation: 'c', tenant: 't' })));
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    for (const t of times) {
      expect(countIn(times, t, 1000)).toBeLessThanOrEqual(7);
      expect(countIn(times, t, 2000)).toBeLessThanOrEqual(8);
      expect(countIn(times, t, 30_000)).toBeLessThanOrEqual(60);
    }
    // Sustained, no faster than one a second.
    expect(times[119]! - times[59]!).toBeGreaterThanOrEqual(30_000);
  });

  it('keeps a tenant at 50 requests in any second across many conversations', () => {
    const times = sendAll(new SendLimiter(teamsSendLimits, 0), Array.from({ length: 500 }, (_, i) => ({ conversation: `c${i}`, tenant: 't' })));
    for (const t of times) expect(countIn(times, t, 1000)).toBeLessThanOrEqual(50);
    // And no slower than that: 500 requests take 9 seconds after the first 50.
    expect(times[499]).toBe(9000);
  });

  it('widens every window by the guard, for requests that arrive later than they leave', () => {
    const times = sendAll(new SendLimiter(teamsSendLimits, 100), Array.from({ length: 51 }, (_, i) => ({ conversation: `c${i}`, tenant: 't' })));
    expect(times[50]).toBe(1100);
  });

  it('holds a conversation back until its Retry-After has passed, and no other', () => {
    const limiter = new SendLimiter(teamsSendLimits, 0);
    limiter.block('c1', 5_000);
    expect(limiter.earliest('c1', 't', 1_000)).toBe(5_000);
    expect(limiter.earliest('c2', 't', 1_000)).toBe(1_000);
  });
});
