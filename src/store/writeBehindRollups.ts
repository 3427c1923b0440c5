import type { Contribution, Rollup } from '../domain/status/rollups';
import type { SummaryDoc } from '../domain/status/summary';
import type { RollupChange, RollupRepository, SummaryRead } from '../usecases/ports';

/**
 * The rollups, whose increments may finish after the bot has answered (rollingRecordRepository.ts
 * starts them once the record and its change marker are stored, and does not wait). Every read
 * of a plan's rollups on this instance first waits for that plan's writes started before it, so a
 * status asked for right after a save counts it. Another instance may read a few milliseconds
 * before the increments land (nothing is lost: a write that fails leaves its marker for the
 * repair). The repair and the rebuild wait too, so they never race this instance's increments.
 */
export class WriteBehindRollups implements RollupRepository {
  private readonly pending = new Map<string, Set<Promise<void>>>();

  constructor(private readonly inner: RollupRepository) {}

  /** Runs `work` without waiting for it; it must report its own failures (it is not awaited by the caller). */
  later(planId: string, work: () => Promise<void>): void {
    const running = this.pending.get(planId) ?? new Set<Promise<void>>();
    this.pending.set(planId, running);
    // Started on the event loop's next turn, so the caller's synchronous work towards its answer
    // (rendering the card) runs first rather than interleaved with these requests' preparation.
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        running.delete(done);
        if (!running.size && this.pending.get(planId) === running) this.pending.delete(planId);
      });
    running.add(done);
  }

  /** The plan's writes started so far have finished (those started meanwhile are not waited for). */
  async settled(planId: string): Promise<void> {
    const running = this.pending.get(planId);
    if (running) await Promise.all([...running]);
  }

  /** Every write started has finished, those started while waiting too: for shutdown and tests. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending.values()].flatMap((running) => [...running]));
  }

  apply(planId: string, contributions: Contribution[], sign: 1 | -1): Promise<void> {
    return this.inner.apply(planId, contributions, sign);
  }

  endChange(planId: string, changeId: string): Promise<void> {
    return this.inner.endChange(planId, changeId);
  }

  async inRange(planId: string, fromMonth: string, toMonth: string): Promise<Rollup[]> {
    await this.settled(planId);
    return this.inner.inRange(planId, fromMonth, toMonth);
  }

  async read(planId: string, request: SummaryRead): Promise<SummaryDoc[]> {
    await this.settled(planId);
    return this.inner.read(planId, request);
  }

  async replaceAll(planId: string, rollups: Rollup[], pairs?: string[]): Promise<void> {
    await this.settled(planId);
    return this.inner.replaceAll(planId, rollups, pairs);
  }

  /**
   * Started and not waited for (a status asks for it when it found a summary keeping too little);
   * a failure leaves the summary as it was, and the next status asks again.
   */
  keepFigures(planId: string, years: string[], pairs?: string[]): Promise<void> {
    this.later(planId, () => this.inner.keepFigures(planId, years, pairs));
    return Promise.resolve();
  }

  async replaceSome(planId: string, ids: string[], rollups: Rollup[]): Promise<void> {
    await this.settled(planId);
    return this.inner.replaceSome(planId, ids, rollups);
  }

  async openChanges(planId: string): Promise<RollupChange[]> {
    await this.settled(planId);
    return this.inner.openChanges(planId);
  }
}
