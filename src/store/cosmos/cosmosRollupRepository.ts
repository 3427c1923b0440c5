import type { Container, PatchOperation } from '@azure/cosmos';
import { rollupId, type Contribution, type Rollup } from '../../domain/status/rollups';
import type { RollupChange, RollupRepository } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

type Stored = Rollup & Record<string, unknown>;
type StoredChange = RollupChange & { type: 'rollupChange'; planId: string };

/** Cosmos DB takes at most ten operations in one patch. */
const PATCH_LIMIT = 10;
/** JSON Pointer escaping (RFC 6901), which patch paths use. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The increments a contribution makes, as patch operations. */
function incrementsOf(c: Contribution, sign: 1 | -1): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const field of ['counters', 'codes', 'organisations'] as const) {
    for (const [key, value] of Object.entries(c[field])) if (value) ops.push({ op: 'incr', path: `/${field}/${pointer(key)}`, value: sign * value });
  }
  return ops;
}

/** A counter that came back to 0 after a deletion stays in the document as 0; readers never see it. */
function withoutZeros(r: Rollup): Rollup {
  const clean = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
  return { ...r, counters: clean(r.counters), codes: clean(r.codes), organisations: clean(r.organisations) };
}

const isEmpty = (r: Rollup) => !Object.keys(r.counters).length && !Object.keys(r.codes).length && !Object.keys(r.organisations).length;

/**
 * Rollup documents, one per plan, scope and month. A change is a set of atomic increments (a
 * Cosmos DB patch with `incr`), so any number of users submitting to the same activity and month
 * at once all count, with no read, no ETag and no retry. The first write of a month creates its
 * document; two creating it at once fall back to the increment.
 */
export class CosmosRollupRepository implements RollupRepository {
  constructor(private readonly container: Container) {}

  async apply(planId: string, contributions: Contribution[], sign: 1 | -1): Promise<void> {
    await Promise.all(contributions.map((c) => this.applyOne(planId, c, sign)));
  }

  private async applyOne(planId: string, c: Contribution, sign: 1 | -1): Promise<void> {
    const id = rollupId(c.scope, c.month);
    const ops = incrementsOf(c, sign);
    let creates = 0;
    for (let from = 0; from < ops.length; from += PATCH_LIMIT) {
      try {
        await this.container.item(id, planId).patch(ops.slice(from, from + PATCH_LIMIT));
      } catch (err) {
        if (!isStatus(err, NOT_FOUND) || ++creates > 3) throw err;
        if (await this.createWith(planId, c, ops.slice(from))) return;
        // Someone else created the month meanwhile: increment it after all.
        from -= PATCH_LIMIT;
      }
    }
  }

  /** Creates the month's document holding the remaining increments; false when it already exists. */
  private async createWith(planId: string, c: Contribution, ops: PatchOperation[]): Promise<boolean> {
    const doc: Rollup = { id: rollupId(c.scope, c.month), planId, type: 'rollup', scope: c.scope, month: c.month, counters: {}, codes: {}, organisations: {} };
    for (const op of ops) {
      if (op.op !== 'incr') continue;
      const [, field, key] = op.path.split('/') as [string, 'counters' | 'codes' | 'organisations', string];
      doc[field][key.replace(/~1/g, '/').replace(/~0/g, '~')] = op.value as number;
    }
    try {
      await this.container.items.create(doc);
      return true;
    } catch (err) {
      if (isStatus(err, CONFLICT)) return false;
      throw err;
    }
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
    return resources.map((r) => withoutZeros(withoutSystemProperties<Rollup>(r))).filter((r) => !isEmpty(r));
  }

  async replaceAll(planId: string, rollups: Rollup[]): Promise<void> {
    const existing = await this.inRange(planId, '0000-00', '9999-99');
    const keep = new Set(rollups.map((r) => r.id));
    for (const old of existing) if (!keep.has(old.id)) await this.container.item(old.id, planId).delete();
    for (const r of rollups) await this.container.items.upsert(r);
  }

  async replaceSome(planId: string, ids: string[], rollups: Rollup[]): Promise<void> {
    const byId = new Map(rollups.map((r) => [r.id, r]));
    for (const id of ids) {
      const next = byId.get(id);
      if (next && !isEmpty(next)) await this.container.items.upsert(next);
      else await this.container.item(id, planId).delete().catch((err: unknown) => {
        if (!isStatus(err, NOT_FOUND)) throw err;
      });
    }
  }

  async beginChange(planId: string, change: RollupChange): Promise<void> {
    const doc: StoredChange = { ...change, type: 'rollupChange', planId };
    await this.container.items.upsert(doc);
  }

  async endChange(planId: string, changeId: string): Promise<void> {
    await this.container.item(changeId, planId).delete().catch((err: unknown) => {
      if (!isStatus(err, NOT_FOUND)) throw err;
    });
  }

  async openChanges(planId: string): Promise<RollupChange[]> {
    const { resources } = await this.container.items
      .query<StoredChange & Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'rollupChange'", parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    return resources.map((r) => {
      const { type: _t, planId: _p, ...change } = withoutSystemProperties<StoredChange>(r);
      return change;
    });
  }
}
