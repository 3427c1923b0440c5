import type { AttendanceRecord } from '../domain/attendance/attendance';
import type { AuditEntry } from '../domain/records/audit';
import type { AssessmentRecord } from '../domain/records/assessment';
import type { MeetingRecord } from '../domain/records/meeting';
import type { OutcomeRecord } from '../domain/records/outcome';
import type { ReferralRecord } from '../domain/records/referral';
import type { DateRange } from '../domain/calendar';
import type { Plan, Role } from '../domain/plan/schema';
import type { OutboxItem, ReminderPreferences } from '../domain/reminders/outbox';
import type { MilestoneState, NextMeetingOverride } from '../domain/reminders/scheduleState';
import type { SenderLease } from '../domain/reminders/senderLease';
import type { Contribution, Rollup } from '../domain/status/rollups';
import type { SummaryDoc } from '../domain/status/summary';
import type { NetworkRole, Person } from '../domain/people/person';
import type { PlanRoster } from '../domain/people/roster';

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

/** A plan as imported from its file, with what changed in chat since (both read fresh). */
export interface PlanSources {
  file: StoredPlan;
  roster: PlanRoster;
  /** Undefined while the plan has no roster document yet. */
  rosterEtag: string | undefined;
}

export interface PlanRepository {
  /** The plan as the bot uses it: its file with the roster's changes applied. */
  get(planId: string): Promise<StoredPlan | undefined>;
  /** Stores the plan file (a new revision); the roster is kept. Returns the plan as used. */
  save(plan: Plan, importedAt: string): Promise<StoredPlan>;
  /** Every stored plan's id, for the scheduler. */
  listIds(): Promise<string[]>;
  /** The file and the roster apart, uncached, for a change to the roster. */
  sources(planId: string): Promise<PlanSources | undefined>;
  /** Writes the roster if nobody changed it since `etag` (undefined: if it does not exist yet). */
  saveRoster(roster: PlanRoster, etag: string | undefined): Promise<'ok' | 'conflict'>;
}

/** A Teams user's place in one plan, looked up by their Entra (AAD) object id on every turn. */
export interface Membership {
  aadObjectId: string;
  planId: string;
  memberId: string;
  name: string;
  roles: Role[];
  /** Their role in each network, read fresh on every turn (memberships written before issue 11 lack it). */
  networks?: Record<string, NetworkRole>;
  /** The stored membership's version (its ETag), as read; every change to it gives a new one. */
  version?: string;
}

/**
 * A membership remembered from an earlier turn, to be proven current inside the write it
 * authorises (one round trip instead of a read, then the write): the write is refused, and
 * nothing stored, when the membership has changed since this version.
 */
export interface MembershipProof {
  aadObjectId: string;
  planId: string;
  version: string;
}

/** A person of a plan known only by e-mail address until Teams tells their object id. */
export interface PendingMembership {
  email: string;
  planId: string;
  memberId: string;
}

/** A Teams user the bot has met (on a turn, in a roster, or through Microsoft Graph). */
export interface TeamsPerson {
  aadObjectId: string;
  name: string;
  /** Lower case: the user principal name and the mail address, which may differ. */
  emails: string[];
  /** The id Teams gives the user in the bot's conversations (29:…). */
  teamsUserId?: string;
  tenantId?: string;
}

/** What the Teams edge can look up about people, from the conversation a turn is in (TeamsInfo). */
export interface TeamsDirectory {
  /** The user acting in this turn, with their e-mail address. */
  self(): Promise<TeamsPerson | undefined>;
  /** Everyone in this conversation (a channel: its team). */
  conversationMembers(): Promise<TeamsPerson[]>;
  /** Everyone in a team, by its id. */
  teamMembers(teamId: string): Promise<TeamsPerson[]>;
}

/** The tenant's users through Microsoft Graph, when it is configured. */
export interface UserDirectory {
  /** The user with this e-mail address (UPN or mail), or undefined when the tenant has nobody with it. */
  findByEmail(email: string): Promise<TeamsPerson | undefined>;
  findById(aadObjectId: string): Promise<TeamsPerson | undefined>;
}

export type InstallOutcome = 'installed' | 'forbidden' | 'failed';

/** Installs Logbog for a user who never opened it (Graph: TeamsAppInstallation.ReadWriteForUser.All). */
export interface AppInstaller {
  installFor(aadObjectId: string): Promise<InstallOutcome>;
}

export interface MembershipRepository {
  forUser(aadObjectId: string): Promise<Membership[]>;
  /** The user's memberships in these plans, read one by one (point reads); a plan they are not in is left out. */
  inPlans(aadObjectId: string, planIds: string[]): Promise<Membership[]>;
  /** Makes the stored memberships of a plan equal to its people: by object id, or pending by e-mail address. */
  replaceForPlan(planId: string, people: Person[]): Promise<void>;
  /** The plans that name any of these e-mail addresses for someone whose object id is not known yet. */
  pendingFor(emails: string[]): Promise<PendingMembership[]>;
  /**
   * Who a user is in Teams, once met. `claimed`: the plans naming their e-mail address have their
   * object id (their own first turn did it); a user seen only in a roster is not claimed yet.
   */
  identityOf(aadObjectId: string): Promise<(TeamsPerson & { claimed: boolean }) | undefined>;
  rememberIdentity(person: TeamsPerson, claimed: boolean): Promise<void>;
  /** Known users with this e-mail address (any case). */
  identitiesByEmail(email: string): Promise<TeamsPerson[]>;
  /** A known user by their Teams user id (29:…), for a roster event that gives no object id. */
  identityByTeamsId(teamsUserId: string): Promise<TeamsPerson | undefined>;
  /**
   * The memberships this instance read for the user on an earlier turn, without a round trip;
   * only to be acted on with a proof in the write (RecordRepository.createOnce).
   */
  remembered?(aadObjectId: string): Membership[] | undefined;
  /**
   * Makes a membership provable at the version read (the proof a write checks), for a while: until
   * the time returned (ms), or not at all (undefined). Left out where the store cannot check
   * proofs: a write then reads the membership fresh, as before.
   */
  allowProofOf?(membership: Membership): Promise<number | undefined>;
  /** A write found this proof no longer holds: the version is not to be acted on again unproven. */
  proofFailed?(proof: MembershipProof): void;
}

/** Everything a member logs in a plan; `type` tells the kinds apart. */
export type LoggedRecord = AttendanceRecord | ReferralRecord | MeetingRecord | OutcomeRecord | AssessmentRecord;
export type RecordType = LoggedRecord['type'];
export type RecordOfType<T extends RecordType> = Extract<LoggedRecord, { type: T }>;

export interface Versioned<T> {
  record: T;
  /** Optimistic concurrency: a change is refused when someone changed the record in between. */
  etag: string;
}

export interface RecordRepository {
  /**
   * Stores the record unless one with its id exists; `created` tells which happened. With an audit
   * entry, record and entry are stored together or not at all (one transactional batch in the
   * plan's partition), and a retry that finds the record stores no second entry. With a proof, the
   * same batch checks that the membership is still the one remembered, and throws
   * FreshMembershipNeeded, storing nothing, when it is not.
   */
  createOnce<R extends LoggedRecord>(record: R, audit?: AuditEntry, proof?: MembershipProof): Promise<{ created: boolean; record: R }>;
  get(planId: string, id: string): Promise<Versioned<LoggedRecord> | undefined>;
  replace(record: LoggedRecord, etag: string): Promise<'ok' | 'conflict'>;
  remove(planId: string, id: string, etag: string): Promise<'ok' | 'conflict'>;
  listInRange<T extends RecordType>(planId: string, type: T, range: DateRange): Promise<RecordOfType<T>[]>;
  /** The member's latest entries of every kind, newest first. */
  listByAuthor(planId: string, memberId: string, limit: number): Promise<LoggedRecord[]>;
  listOpenReferralsBy(planId: string, memberId: string): Promise<ReferralRecord[]>;
  /** Open referrals (any author) whose follow-up date is on or before `date`. */
  listOpenReferralsDue(planId: string, date: string): Promise<ReferralRecord[]>;
  /** Sessions and referrals dated before `cutoff` that still carry person codes. */
  listWithPersonCodesBefore(planId: string, cutoff: string): Promise<(AttendanceRecord | ReferralRecord)[]>;
}

/** A deleted record, kept a day so its deletion can be undone ("Fortryd"). */
export interface TrashedRecord {
  record: LoggedRecord;
  deletedBy: string;
  deletedAt: string;
}

export interface TrashRepository {
  put(planId: string, entry: TrashedRecord): Promise<void>;
  /** The deleted record, if it is still kept. */
  get(planId: string, recordId: string): Promise<TrashedRecord | undefined>;
  remove(planId: string, recordId: string): Promise<void>;
}

/** Append-only: there is no way to change or delete an entry through this interface. */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  listForRecord(planId: string, recordId: string): Promise<AuditEntry[]>;
}

export type Language = 'da' | 'en';

/** A user's own settings, across plans. */
export interface UserPreferences extends ReminderPreferences {
  language?: Language;
}

export interface PreferenceRepository {
  get(aadObjectId: string): Promise<UserPreferences>;
  save(aadObjectId: string, preferences: UserPreferences): Promise<void>;
}

/** A Teams channel or group chat linked to a network, so its cards and reminders know it. */
export interface ChannelLink {
  conversationId: string;
  planId: string;
  networkId: string;
  linkedBy: string;
  linkedAt: string;
  /** The team the channel belongs to (absent for a group chat): leaving the team leaves the network. */
  teamId?: string;
  /** Set when the coordinator accepted the team's roster: joining the team then joins the network. */
  followsTeam?: boolean;
}

/**
 * Where the bot can write to later (reminders): a personal chat, a channel or a group chat.
 * `reference` is the Teams library's conversation reference, kept opaque outside the Teams edge.
 */
export interface ConversationAddress {
  conversationId: string;
  conversationType: string;
  tenantId?: string;
  /** The user of a personal chat. */
  aadObjectId?: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface ChannelRepository {
  linkOf(conversationId: string): Promise<ChannelLink | undefined>;
  link(link: ChannelLink): Promise<void>;
  /** Stores or refreshes where to reach a conversation. */
  remember(address: ConversationAddress): Promise<void>;
  addressOf(conversationId: string): Promise<ConversationAddress | undefined>;
  /** The bot's personal chat with a user, if the user has installed the app: a point read keyed by the user. */
  personalChatOf(aadObjectId: string): Promise<ConversationAddress | undefined>;
  /** The conversations linked to a network. */
  linkedTo(planId: string, networkId: string): Promise<string[]>;
  /** Every channel link in a team (any plan). */
  linksInTeam(teamId: string): Promise<ChannelLink[]>;
  /** The links of a plan's channels that belong to a team, for reading their rosters. */
  teamLinksOf(planId: string): Promise<ChannelLink[]>;
  /** The most recently seen conversation in a tenant, for the address of Teams' Bot Connector there. */
  someAddressIn(tenantId: string | undefined): Promise<ConversationAddress | undefined>;
  /** Forgets a conversation entirely (app removed, or Teams answers 403): its address and its link. */
  forget(conversationId: string): Promise<void>;
}

/** Who plans a plan's reminders right now; runs out at `expiresAt` if its holder dies. */
export interface PlanningLease {
  planId: string;
  holder: string;
  expiresAt: string;
  /** The local date the plan's reminders were last planned for. */
  plannedFor?: string;
}

export interface OutboxRepository {
  /** Creates the items that do not exist yet; returns how many were new. */
  createMissing(items: OutboxItem[]): Promise<number>;
  /** Pending items due by `now`, and items whose sender's claim ran out. */
  due(planId: string, now: string, limit: number): Promise<Versioned<OutboxItem>[]>;
  /** Replaces the item if nobody changed it since `etag`; undefined when someone did. */
  update(item: OutboxItem, etag: string): Promise<Versioned<OutboxItem> | undefined>;
  heldFor(planId: string, memberId: string): Promise<Versioned<OutboxItem>[]>;
  /** One item, for a card that shows it again (a channel card's refresh). */
  get(planId: string, id: string): Promise<OutboxItem | undefined>;
  listAll(planId: string): Promise<OutboxItem[]>;
  /** Takes the planning lease if it is free, expired or already ours. */
  acquireLease(planId: string, holder: string, now: string, expiresAt: string): Promise<Versioned<PlanningLease> | undefined>;
  saveLease(lease: PlanningLease, etag: string): Promise<boolean>;
}

/** Who sends to a Teams tenant right now (domain/reminders/senderLease.ts); every write is conditional. */
export interface SenderLeaseRepository {
  get(tenantId: string): Promise<Versioned<SenderLease> | undefined>;
  /** Creates the tenant's lease; undefined when another instance created it first. */
  create(lease: SenderLease): Promise<Versioned<SenderLease> | undefined>;
  /** Replaces the lease if nobody changed it since `etag`; undefined when someone did. */
  replace(lease: SenderLease, etag: string): Promise<Versioned<SenderLease> | undefined>;
}

export interface ScheduleRepository {
  milestoneStates(planId: string): Promise<Versioned<MilestoneState>[]>;
  /** Creates (no etag) or replaces (etag) a milestone's state; 'conflict' when someone was first. */
  saveMilestoneState(state: MilestoneState, etag: string | undefined): Promise<'ok' | 'conflict'>;
  nextMeetings(planId: string): Promise<NextMeetingOverride[]>;
  saveNextMeeting(override: NextMeetingOverride): Promise<void>;
}

/**
 * A record change under way: stored with the record change (the record store does it), removed
 * once its rollups are applied. One left behind (a crash, a failing database in between) names
 * the rollups to recompute.
 */
export interface RollupChange {
  id: string;
  /** The rollup documents (scope and month) the change touches. */
  rollupIds: string[];
  at: string;
}

/** Summary documents to read by point reads (domain/status/summary.ts); missing ones are left out. */
export interface SummaryRead {
  /** Years (YYYY) whose summary to read. */
  years: string[];
  /** Months (YYYY-MM) whose day-level counters to read. */
  dayMonths: string[];
  /** Years whose participant codes to read. */
  codeYears: string[];
  /** Years whose referral counters per destination to read. */
  referralYears: string[];
}

/** Status sums per scope and month (domain/status/rollups.ts), kept up to date on every record write. */
export interface RollupRepository {
  /** Adds (or, with -1, subtracts) contributions atomically, whoever else writes the same month at once. */
  apply(planId: string, contributions: Contribution[], sign: 1 | -1): Promise<void>;
  /** The rollups of months from..to (YYYY-MM, inclusive), every scope. */
  inRange(planId: string, fromMonth: string, toMonth: string): Promise<Rollup[]>;
  /** Summary documents by point reads, for a status that reads only what it needs. */
  read(planId: string, request: SummaryRead): Promise<SummaryDoc[]>;
  /** Makes the stored rollups exactly these (the rebuild), the summaries keeping the counters of these referral pairs (keptFigures.ts). */
  replaceAll(planId: string, rollups: Rollup[], pairs?: string[]): Promise<void>;
  /** Takes the figures the years' summaries keep of their detail again (for these referral pairs, or those each holds). */
  keepFigures(planId: string, years: string[], pairs?: string[]): Promise<void>;
  /** Makes these rollup documents exactly as given (absent ones are removed): the repair. */
  replaceSome(planId: string, ids: string[], rollups: Rollup[]): Promise<void>;
  endChange(planId: string, changeId: string): Promise<void>;
  /** Changes begun and never ended. */
  openChanges(planId: string): Promise<RollupChange[]>;
}

/** A population indicator's value from an outside source, entered by a leader. */
export interface IndicatorValue {
  id: string;
  type: 'indicatorValue';
  planId: string;
  indicatorId: string;
  /** The year or school year the value is for, e.g. "2025" or "2024/25". */
  period: string;
  value: number;
  /** The comparison group's value the same year (the municipality's), for gap targets. */
  comparison?: number;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

/** A figure a partner reports from its own records for one of the plan's targets and a year. */
export interface ReportedValue {
  id: string;
  type: 'reportedFigure';
  planId: string;
  /** The target's key, `<holder id>/<target id>`. */
  targetKey: string;
  year: number;
  value: number;
  source: string;
  enteredBy: string;
  enteredAt: string;
}

/** Figures from outside the logbook: population indicators and partners' own counts. */
export interface IndicatorRepository {
  save(value: IndicatorValue): Promise<void>;
  list(planId: string): Promise<IndicatorValue[]>;
  saveReported(value: ReportedValue): Promise<void>;
  listReported(planId: string): Promise<ReportedValue[]>;
}

export interface Repositories {
  trash: TrashRepository;
  rollups: RollupRepository;
  indicators: IndicatorRepository;
  outbox: OutboxRepository;
  senderLeases: SenderLeaseRepository;
  schedule: ScheduleRepository;
  channels: ChannelRepository;
  preferences: PreferenceRepository;
  plans: PlanRepository;
  memberships: MembershipRepository;
  records: RecordRepository;
  audit: AuditRepository;
}
