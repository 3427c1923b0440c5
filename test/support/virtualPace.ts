import type { Pace } from '../../src/usecases/reminders/deliverReminders';

/**
 * Time on the wire for tests, shared by every instance under test: it moves only when someone
 * sleeps, to the earliest wake-up, one at a time between real I/O callbacks. Sends that wait for
 * the limiter take no real time, and a stall (a long sleep elsewhere while a database write is
 * under way) can run a lease out in the middle of a holder's work, as a paused process would.
 */
export class VirtualPace implements Pace {
  private at = 1_000_000;
  private readonly sleepers: { wake: number; order: number; resolve: () => void }[] = [];
  private scheduled = false;
  private order = 0;

  now(): number {
    return this.at;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ wake: this.at + Math.max(0, ms), order: this.order++, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.sleepers.sort((a, b) => a.wake - b.wake || a.order - b.order);
      const first = this.sleepers.shift();
      if (!first) return;
      this.at = Math.max(this.at, first.wake);
      first.resolve();
      if (this.sleepers.length) this.schedule();
    });
  }
}
