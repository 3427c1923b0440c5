import type { Container } from '@azure/cosmos';
import { applyContributions, isEmptyRollup, rollupId, type Contribution, type Rollup } from '../../domain/status/rollups';
import type { RollupRepository } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

type Stored = Rollup & Record<string, unknown>;

/**
 * Rollup documents, one per plan, scope and month. A change is a read, an add and an
 * ETag-conditional write, retried when another write got there first, so concurrent turns
 * touching the same month both count.
 */
export class CosmosRollupRepository implements RollupRepository {
  constructor(private readonly container: Container) {}

  async apply(planId: string, contributions: Contribution[], sign: 1 | -1): Promise<void> {
    for (const c of contributions) await this.applyOne(planId, c, sign);
  }

  private async applyOne(planId: string, c: Contribution, sign: 1 | -1): Promise<void> {
    const id = rollupId(c.scope, c.month);
    for (let attempt = 0; attempt < 20; attempt++) {
      const { resource } = await this.container.item(id, planId).read<Stored>();
      const rollups = new Map<string, Rollup>(resource ? [[id, withoutSystemProperties<Rollup>(resource)]] : []);
      applyContributions(planId, rollups, [c], sign);
      const next = rollups.get(id)!;
      try {
        if (!resource) await this.container.items.create(next);
        else if (isEmptyRollup(next)) await this.container.item(id, planId).delete({ accessCondition: { type: 'IfMatch', condition: String(resource._etag) } });
        else await this.container.item(id, planId).replace(next, { accessCondition: { type: 'IfMatch', condition: String(resource._etag) } });
        return;
      } catch (err) {
        if (isStatus(err, CONFLICT) || isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) continue;
        throw err;
      }
    }
    throw new Error(`rollup ${id} kept changing; the rebuild command will put it right`);
  }

  async inRange(planId: string, fromMonth: string, toMonth: string): Promise<Rollup[]> {
    const { resources } = await this.container.items
      .query<Stored>(
        {
          query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'rollup' AND c.month >= @from AND c.month <= @to",
          parameters: [
            { name: '@plan', value: planId },
            { name: '@from', value: fromMonth },
            { name: '@to', value: toMonth },
          ],
        },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<Rollup>(r));
  }

  async replaceAll(planId: string, rollups: Rollup[]): Promise<void> {
    const existing = await this.inRange(planId, '0000-00', '9999-99');
    const keep = new Set(rollups.map((r) => r.id));
    for (const old of existing) if (!keep.has(old.id)) await this.container.item(old.id, planId).delete();
    for (const r of rollups) await this.container.items.upsert(r);
  }
}
