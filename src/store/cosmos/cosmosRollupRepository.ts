import type { Container } from '@azure/cosmos';
import { rollupId, type Contribution, type Rollup } from '../../domain/status/rollups';
import { keptFiguresOf, pairChanges, peopleChange } from '../../domain/status/keptFigures';
import { emptySummaryDoc, longScope, rollupsFromSummary, summaryDaysId, summaryDocsOf, summaryPeopleId, summaryReferralsId, summaryWritesOf, summaryYearId, type SummaryDoc, type SummaryWrite, type SummaryYear } from '../../domain/status/summary';
import type { RollupChange, RollupRepository, SummaryRead } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { changeOf, CHANGES_QUERY, type StoredChange } from './rollupChangeDocs';
import { incrementKept, pairGuard, peopleGuard } from './keptFigureIncrements';
import { incrementCounted, incrementSummary } from './summaryIncrements';
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
    await Promise.all([...byDoc].map(([docId, writes]) => this.increment(planId, docId, writes, sign)));
  }

  /** A detail document's patches, each followed by its share of the summary's kept figures (keptFigures.ts). */
  private async increment(planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1): Promise<void> {
    const [kind, , year] = docId.split('|') as [string, string, string];
    if (kind !== 'summary-people' && kind !== 'summary-referrals') return incrementSummary(this.container, planId, docId, writes, sign);
    const summaryId = summaryYearId(planId, year);
    for (const { writes: own, after } of await incrementCounted(this.container, planId, docId, writes, sign)) {
      if (after.type === 'summaryPeople') await incrementKept(this.container, planId, summaryId, peopleChange(planId, year, after.p, own, sign), 1, peopleGuard(after.n));
      else await Promise.all([...pairChanges(planId, year, own)].map(([pair, kept]) => incrementKept(this.container, planId, summaryId, kept, sign, pairGuard(pair, after.n))));
    }
  }

  /**
   * Takes the kept figures of these years' summaries again from their detail documents, for these
   * pairs (or those each summary holds). The summary is read before its detail and replaced under
   * its ETag, so a detail change whose share the summary accepts is either in what was read or
   * adds itself afterwards. A figure the summary did not keep yet refuses shares without changing
   * the ETag, so when one is newly taken the detail is read again after the replace, and the
   * figures taken once more if it moved meanwhile (by then the summary accepts the shares).
   */
  async keepFigures(planId: string, years: string[], pairs?: string[]): Promise<void> {
    for (const year of years) {
      const detailIds = [summaryPeopleId(planId, year), summaryReferralsId(planId, year)];
      for (let attempt = 0; ; attempt++) {
        const summary = await this.pointReadRaw(planId, summaryYearId(planId, year));
        if (summary?.type !== 'summary') break;
        const [people, referrals] = await Promise.all(detailIds.map((id) => this.pointRead(planId, id)));
        const wanted = pairs ?? Object.keys(summary.tp ?? {});
        const kept = keptFiguresOf(people?.type === 'summaryPeople' ? people : undefined, referrals?.type === 'summaryReferrals' ? referrals : undefined, wanted);
        const newlyTaken = summary.ps === undefined || summary.rs === undefined || wanted.some((pair) => !summary.tp?.[pair]);
        try {
          await this.container.item(summary.id, planId).replace({ ...withoutSystemProperties<SummaryYear>(summary as SummaryYear & Record<string, unknown>), ...kept }, { accessCondition: { type: 'IfMatch', condition: summary._etag! } });
        } catch (err) {
          if (attempt > 8 || !isStatus(err, PRECONDITION_FAILED)) throw err;
          continue;
        }
        if (!newlyTaken) break;
        const after = await Promise.all(detailIds.map((id) => this.pointRead(planId, id)));
        const moved = after.some((doc, i) => patchNumber(doc) !== patchNumber([people, referrals][i]));
        if (!moved) break;
        if (attempt > 8) throw new Error(`kept figures of ${summary.id}: the detail kept moving`);
      }
    }
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

  async replaceAll(planId: string, rollups: Rollup[], pairs: string[] = []): Promise<void> {
    const docs = summaryDocsOf(planId, rollups);
    const { resources: existing } = await this.container.items
      .query<{ id: string; n?: number }>({ query: `SELECT c.id, c.n FROM c WHERE c.planId = @plan AND (c.type IN ${SUMMARY_TYPES} OR c.type = 'rollup')`, parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    // The detail documents' patch numbers go on from the stored ones, so a change still on its way
    // (numbered before the rebuild) is not added to the figures taken from the rebuilt documents.
    const before = new Map(existing.map((d) => [d.id, d.n ?? 0]));
    for (const doc of docs.values()) if (doc.type === 'summaryPeople' || doc.type === 'summaryReferrals') doc.n = (before.get(doc.id) ?? 0) + 1;
    for (const doc of docs.values()) {
      if (doc.type !== 'summary') continue;
      const [people, referrals] = [docs.get(summaryPeopleId(planId, doc.year)), docs.get(summaryReferralsId(planId, doc.year))];
      Object.assign(doc, keptFiguresOf(people?.type === 'summaryPeople' ? people : undefined, referrals?.type === 'summaryReferrals' ? referrals : undefined, pairs));
    }
    // Documents of the old layout (one per scope and month, type 'rollup') go too: a rebuild migrates.
    for (const old of existing) if (!docs.has(old.id)) await this.deleteQuietly(planId, old.id);
    for (const doc of docs.values()) await this.container.items.upsert(doc);
    // A change landing on a detail document between its upsert and its summary's would be missing
    // from the kept figures: take them again from what is stored now.
    await this.keepFigures(planId, [...docs.values()].flatMap((d) => (d.type === 'summary' ? [d.year] : [])), pairs);
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
    // The detail documents were set without their patch numbers moving: take the kept figures again.
    await this.keepFigures(planId, [...new Set(months.map((m) => m.slice(0, 4)))]);
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

const patchNumber = (doc: SummaryDoc | undefined) => (doc && 'n' in doc ? (doc.n ?? 0) : 0);

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
