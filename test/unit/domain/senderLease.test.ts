import { mayTake, maySend, needsRenewal, opensSoon, released, senderLeaseTiming, taken } from '../../../src/domain/reminders/senderLease';

const timing = senderLeaseTiming;

describe('the sender lease of a tenant', () => {
  it('lets only its holder send, and not in its last quiet period', () => {
    const lease = taken('t', 'a', 0, timing);
    expect(maySend(lease, 'a', 0, timing)).toBe(true);
    expect(maySend(lease, 'b', 0, timing)).toBe(false);
    expect(maySend(lease, 'a', lease.expiresAt - timing.quietMs - 1, timing)).toBe(true);
    expect(maySend(lease, 'a', lease.expiresAt - timing.quietMs, timing)).toBe(false);
    expect(maySend(undefined, 'a', 0, timing)).toBe(false);
  });

  it('is renewed well before its holder must stop sending', () => {
    const lease = taken('t', 'a', 0, timing);
    expect(needsRenewal(lease, 0, timing)).toBe(false);
    const renewAt = lease.expiresAt - timing.renewBeforeMs + 1;
    expect(needsRenewal(lease, renewAt, timing)).toBe(true);
    expect(maySend(lease, 'a', renewAt, timing)).toBe(true);
  });

  it('can be taken by another instance only once it has run out', () => {
    const lease = taken('t', 'a', 0, timing);
    expect(mayTake(lease, 'b', lease.expiresAt - 1)).toBe(false);
    expect(mayTake(lease, 'b', lease.expiresAt)).toBe(true);
    expect(mayTake(lease, 'a', 1)).toBe(true);
    expect(mayTake(undefined, 'b', 0)).toBe(true);
  });

  it('handed back, stays closed to others for the quiet period, which covers Teams\' tenant window', () => {
    const lease = taken('t', 'a', 0, timing);
    const back = released(lease, 5_000, timing);
    expect(back.expiresAt).toBe(5_000 + timing.quietMs);
    expect(timing.quietMs).toBeGreaterThan(1_000);
    expect(mayTake(back, 'b', 5_000 + timing.quietMs - 1)).toBe(false);
    expect(mayTake(back, 'b', 5_000 + timing.quietMs)).toBe(true);
    // Worth waiting for, unlike a lease its holder keeps renewing.
    expect(opensSoon(back, 5_000, timing)).toBe(true);
    expect(opensSoon(lease, 0, timing)).toBe(false);
  });
});
