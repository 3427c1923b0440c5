import type { AttendanceRecord } from '../domain/attendance/attendance';
import type { DateRange } from '../domain/calendar';
import type { Plan, Role } from '../domain/plan/schema';

/**
 * The storage the use cases need, declared here and implemented in src/store. Keeping these
 * small is what lets the embedded server and Azure Cosmos DB sit behind the same code.
 */
export interface StoredPlan {
  plan: Plan;
  importedAt: string;
  /** Bumped on every import, so a changed plan is visible in logs and the audit trail. */
  revision: number;
}

export interface PlanRepository {
  get(planId: string): Promise<StoredPlan | undefined>;
  save(plan: Plan, importedAt: string): Promise<StoredPlan>;
}

/** A Teams user's place in one plan, looked up by their Entra (AAD) object id on every turn. */
export interface Membership {
  aadObjectId: string;
  planId: string;
  memberId: string;
  name: string;
  roles: Role[];
}

export interface MembershipRepository {
  forUser(aadObjectId: string): Promise<Membership[]>;
  /** Makes the stored memberships of a plan equal to the plan file's member list. */
  replaceForPlan(plan: Plan): Promise<void>;
}

export interface AttendanceRepository {
  /** Stores the record unless one with its id exists; `created` tells which happened. */
  createOnce(record: AttendanceRecord): Promise<{ created: boolean; record: AttendanceRecord }>;
  listInRange(planId: string, range: DateRange): Promise<AttendanceRecord[]>;
}

export interface Repositories {
  plans: PlanRepository;
  memberships: MembershipRepository;
  attendance: AttendanceRepository;
}
