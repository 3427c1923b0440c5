import { SendLimiter, teamsSendLimits, type SendTicket } from '../../../src/domain/reminders/sendLimits';

/** Sends one at a time as fast as the limiter allows, from t=0, each answered `roundTripMs` later; returns when each one left. */
function sendAll(limiter: SendLimiter, targets: { conversation: string; tenant: string }[], roundTripMs = 0): number[] {
  let now = 0;
  return targets.map(({ conversation, tenant }) => {
    now = limiter.earliest(conversation, tenant, now);
    const left = now;
    limiter.end(limiter.begin(conversation, tenant, left), left + roundTripMs);
    now = left + roundTripMs;
    return left;
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

  it('widens every window by the guard', () => {
    const times = sendAll(new SendLimiter(teamsSendLimits, 100), Array.from({ length: 51 }, (_, i) => ({ conversation: `c${i}`, tenant: 't' })));
    expect(times[50]).toBe(1100);
  });

  it('counts a request in its windows until its answer is back, so a late arrival cannot crowd a window', () => {
    // Each request takes 5 ms to be answered: the 51st may leave only when the first answer has been out of the window.
    const times = sendAll(new SendLimiter(teamsSendLimits, 0), Array.from({ length: 51 }, (_, i) => ({ conversation: `c${i}`, tenant: 't' })), 5);
    expect(times[50]).toBe(1005);
  });

  it('holds the next request while requests still in flight fill the tenant window, and lets it go once one is answered', async () => {
    const limiter = new SendLimiter({ perConversation: [{ ms: 1000, max: 7 }], perTenant: [{ ms: 1000, max: 3 }] }, 0);
    const flying = [0, 1, 2].map((i) => limiter.begin(`c${i}`, 't', 0));
    expect(limiter.earliest('c9', 't', 10)).toBe(Infinity);
    const answered = limiter.nextAnswer();
    limiter.end(flying[1]!, 40);
    await answered;
    // The answer at 40 ms is inside the window until 1040 ms.
    expect(limiter.earliest('c9', 't', 50)).toBe(1040);
  });

  it('keeps any one-second window at 50 arrivals, whenever in its round trip each request arrives', () => {
    // Eight senders at once, round trips of 1 to 40 ms, arrivals anywhere inside them: the worst a slow network or a busy event loop can do.
    const limiter = new SendLimiter(teamsSendLimits, 0);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const arrivals: number[] = [];
    const inFlight: { ticket: SendTicket; answeredAt: number }[] = [];
    const readyAt = Array.from({ length: 8 }, () => 0);
    let now = 0;
    while (arrivals.length < 2000) {
      const worker = readyAt.indexOf(Math.min(...readyAt));
      now = Math.max(now, readyAt[worker]!);
      // The answers back by now reach the limiter in the order they came.
      inFlight.sort((a, b) => a.answeredAt - b.answeredAt);
      while (inFlight.length && inFlight[0]!.answeredAt <= now) {
        const { ticket, answeredAt } = inFlight.shift()!;
        limiter.end(ticket, answeredAt);
      }
      const conversation = `c${arrivals.length}`;
      const at = limiter.earliest(conversation, 't', now);
      if (at > now) {
        readyAt[worker] = at === Infinity ? inFlight[0]!.answeredAt : at;
        continue;
      }
      const roundTrip = 1 + Math.floor(random() * 40);
      const ticket = limiter.begin(conversation, 't', now);
      arrivals.push(now + random() * roundTrip);
      inFlight.push({ ticket, answeredAt: now + roundTrip });
      readyAt[worker] = now + roundTrip;
    }
    arrivals.sort((a, b) => a - b);
    for (let i = 50; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 50]!).toBeGreaterThan(1000);
  });

  it('holds a conversation back until its Retry-After has passed, and no other', () => {
    const limiter = new SendLimiter(teamsSendLimits, 0);
    limiter.block('c1', 5_000);
    expect(limiter.earliest('c1', 't', 1_000)).toBe(5_000);
    expect(limiter.earliest('c2', 't', 1_000)).toBe(1_000);
  });
});
