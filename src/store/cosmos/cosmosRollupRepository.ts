import type { Container } from '@azure/cosmos';
import { rollupId, type Contribution, type Rollup } from '../../domain/status/rollups';
import { emptySummaryDoc, longScope, rollupsFromSummary, summaryDaysId, summaryDocsOf, summaryPeopleId, summaryReferralsId, summaryWritesOf, summaryYearId, type SummaryDoc, type SummaryWrite } from '../../domain/status/summary';
import type { RollupChange, RollupRepository, SummaryRead } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { changeOf, CHANGES_QUERY, type StoredChange } from './rollupChangeDocs';
import { incrementSummary } from './summaryIncrements';
import { withoutSystemProperties } from './systemProperties';

type Stored = SummaryDoc & { _etag?: string };
const SUMMARY_TYPES = "('summary', 'summaryDays', 'summaryPeople', 'summaryReferrals')";


/**
 * The rollups, stored as a summary per plan and year (domain/status/summary.ts) with the day-level
 * counters and the participant codes in documents of their own. A change is a set of atomic
 * increments on those documents (summaryIncrements.ts); a status reads the year's summary and only
 * the day and people documents it needs, by point reads.
 */
export class CosmosRollupRepository implements RollupRepository {
  /** `records`: where the rollup change markers are (rollupChangeDocs.ts). */
  constructor(
    private readonly container: Container,
    private readonly records: Container,
  ) {}

  async apply(planId: string, contributions: Contribution[], sign: 1 | -1): Promise<void> {
    const byDoc = new Map<string, SummaryWrite[]>();
    for (const w of contributions.flatMap((c) => summaryWritesOf(planId, c))) byDoc.set(w.docId, [...(byDoc.get(w.docId) ?? []), w]);
    await Promise.all([...byDoc].map(([docId, writes]) => incrementSummary(this.container, planId, docId, writes, sign)));
  }

  async inRange(planId: string, fromMonth: string, toMonth: string): Promise<Rollup[]> {
    const docs = (await this.allDocs(planId)).filter((d) => (d.type === 'summaryDays' ? d.month >= fromMonth && d.month <= toMonth : d.year >= fromMonth.slice(0, 4) && d.year <= toMonth.slice(0, 4)));
    return rollupsFromSummary(planId, docs, fromMonth, toMonth);
  }

  async read(planId: string, request: SummaryRead): Promise<SummaryDoc[]> {
    const ids = [...request.years.map((y) => summaryYearId(planId, y)), ...request.dayMonths.map((m) => summaryDaysId(planId, m)), ...request.codeYears.map((y) => summaryPeopleId(planId, y)), ...request.referralYears.map((y) => summaryReferralsId(planId, y))];
    return (await Promise.all(ids.map((id) => this.pointRead(planId, id)))).filter((d) => d !== undefined);
  }

  private async pointRead(planId: string, id: string): Promise<SummaryDoc | undefined> {
    try {
      const { resource } = await this.container.item(id, planId).read<SummaryDoc & Record<string, unknown>>();
      return resource ? withoutSystemProperties<SummaryDoc>(resource) : undefined;
    } catch (err) {
      if (isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }

  private async allDocs(planId: string): Promise<SummaryDoc[]> {
    const { resources } = await this.container.items
      .query<SummaryDoc & Record<string, unknown>>({ query: `SELECT * FROM c WHERE c.planId = @plan AND c.type IN ${SUMMARY_TYPES}`, parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<SummaryDoc>(r));
  }

  async replaceAll(planId: string, rollups: Rollup[]): Promise<void> {
    const docs = summaryDocsOf(planId, rollups);
    const { resources: existing } = await this.container.items
      .query<{ id: string }>({ query: `SELECT c.id FROM c WHERE c.planId = @plan AND (c.type IN ${SUMMARY_TYPES} OR c.type = 'rollup')`, parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    // Documents of the old layout (one per scope and month, type 'rollup') go too: a rebuild migrates.
    for (const old of existing) if (!docs.has(old.id)) await this.deleteQuietly(planId, old.id);
    for (const doc of docs.values()) await this.container.items.upsert(doc);
  }

  /**
   * Sets the named rollups (scope and month) to exactly these values, leaving the rest of each
   * summary document as it is: read, change, replace under the document's ETag, again when
   * another writer came between.
   */
  async replaceSome(planId: string, ids: string[], rollups: Rollup[]): Promise<void> {
    const wanted = new Set(ids);
    const months = [...new Set(ids.map((id) => id.slice(-7)))];
    const fresh = summaryDocsOf(planId, rollups);
    const docIds = new Set([...months.map((m) => summaryYearId(planId, m.slice(0, 4))), ...months.map((m) => summaryPeopleId(planId, m.slice(0, 4))), ...months.map((m) => summaryReferralsId(planId, m.slice(0, 4))), ...months.map((m) => summaryDaysId(planId, m))]);
    for (const docId of docIds) {
      for (let attempt = 0; ; attempt++) {
        const stored = await this.pointReadRaw(planId, docId);
        const current = stored ? withoutSystemProperties<SummaryDoc>(stored as SummaryDoc & Record<string, unknown>) : emptySummaryDoc(planId, docId);
        const next = replaced(current, wanted, fresh.get(docId));
        try {
          if (stored) await this.container.item(docId, planId).replace(next, { accessCondition: { type: 'IfMatch', condition: stored._etag! } });
          else await this.container.items.create(next);
          break;
        } catch (err) {
          if (attempt > 8 || !(isStatus(err, PRECONDITION_FAILED) || isStatus(err, CONFLICT) || isStatus(err, NOT_FOUND))) throw err;
        }
      }
    }
  }

  private async pointReadRaw(planId: string, id: string): Promise<Stored | undefined> {
    try {
      return (await this.container.item(id, planId).read<Stored>()).resource;
    } catch (err) {
      if (isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }

  private async deleteQuietly(planId: string, id: string): Promise<void> {
    await this.container.item(id, planId).delete().catch((err: unknown) => {
      if (!isStatus(err, NOT_FOUND)) throw err;
    });
  }

  /** The marker is in `records` (stored with its record change); an older version's is in `rollups`. */
  async endChange(planId: string, changeId: string): Promise<void> {
    try {
      await this.records.item(changeId, planId).delete();
    } catch (err) {
      if (!isStatus(err, NOT_FOUND)) throw err;
      await this.deleteQuietly(planId, changeId);
    }
  }

  /**
   * Markers in `records`, and those an older version left in `rollups` (read in parallel, no
   * wait added): a change begun by an instance not yet upgraded is repaired all the same.
   */
  async openChanges(planId: string): Promise<RollupChange[]> {
    const query = { query: CHANGES_QUERY, parameters: [{ name: '@plan', value: planId }] };
    const found = await Promise.all([this.records, this.container].map(async (container) => (await container.items.query<StoredChange & Record<string, unknown>>(query, { partitionKey: planId }).fetchAll()).resources));
    return found.flat().map(changeOf);
  }
}

/** The document with the wanted rollups' entries taken out and their fresh values put in. */
function replaced(doc: SummaryDoc, wanted: Set<string>, fresh: SummaryDoc | undefined): SummaryDoc {
  const belongs = (key: string, month: string) => {
    const { scope } = scopeOfKey(key);
    return wanted.has(rollupId(scope, month));
  };
  const pad = (i: number) => String(i + 1).padStart(2, '0');
  const arrays = (field: Record<string, number[]>, year: string, freshField: Record<string, number[]> | undefined) => {
    const out: Record<string, number[]> = {};
    for (const [key, months] of Object.entries(field)) {
      const kept = months.map((v, i) => (belongs(key, `${year}-${pad(i)}`) ? 0 : v));
      if (kept.some((v) => v !== 0)) out[key] = kept;
    }
    for (const [key, months] of Object.entries(freshField ?? {})) {
      const base = out[key] ?? new Array<number>(12).fill(0);
      out[key] = base.map((v, i) => (belongs(key, `${year}-${pad(i)}`) ? (months[i] ?? 0) : v));
      if (out[key].every((v) => v === 0)) delete out[key];
    }
    return out;
  };
  switch (doc.type) {
    case 'summary': {
      const f = fresh?.type === 'summary' ? fresh : undefined;
      return { ...doc, m: arrays(doc.m, doc.year, f?.m), o: arrays(doc.o, doc.year, f?.o) };
    }
    case 'summaryPeople':
      return { ...doc, p: arrays(doc.p, doc.year, fresh?.type === 'summaryPeople' ? fresh.p : undefined) };
    case 'summaryReferrals':
      return { ...doc, m: arrays(doc.m, doc.year, fresh?.type === 'summaryReferrals' ? fresh.m : undefined) };
    case 'summaryDays': {
      const d = Object.fromEntries(Object.entries(doc.d).filter(([key]) => !belongs(key, doc.month)));
      for (const [key, value] of Object.entries(fresh?.type === 'summaryDays' ? fresh.d : {})) if (belongs(key, doc.month)) d[key] = value;
      return { ...doc, d };
    }
  }
}

function scopeOfKey(key: string): { scope: string } {
  return { scope: longScope(key.slice(0, key.indexOf('|'))) };
}
