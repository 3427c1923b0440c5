import type { ReceivedFile } from '../usecases/importPlanFile';
import type { TeamsPerson } from '../usecases/ports';

/** The fields of Teams' TeamsChannelAccount that Logbog reads (app.ts passes the library's objects). */
interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

/** A Teams account as a plain person; undefined for an account without an object id (a bot). */
export function personOf(account: TeamsAccount | undefined): TeamsPerson | undefined {
  if (!account?.aadObjectId) return undefined;
  const emails = [account.userPrincipalName, account.email].filter((e): e is string => !!e).map((e) => e.toLowerCase());
  return { aadObjectId: account.aadObjectId, name: account.name ?? emails[0] ?? account.aadObjectId, emails: [...new Set(emails)], teamsUserId: account.id, ...(account.tenantId ? { tenantId: account.tenantId } : {}) };
}

/** Every page of a roster (Teams pages members, at most 500 at a time). */
export async function allPages(read: (token: string | undefined) => Promise<{ members: TeamsAccount[]; continuationToken?: string }>): Promise<TeamsPerson[]> {
  const out: TeamsPerson[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    out.push(...page.members.map(personOf).filter((p): p is TeamsPerson => !!p));
    token = page.continuationToken || undefined;
  } while (token);
  return out;
}

/** Larger than any plan file (the biggest demo plan is about 100 KB). */
const MAX_PLAN_FILE_BYTES = 1_000_000;

interface Attachment {
  contentType: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

/**
 * A YAML file sent with a message: in Teams, the download link Teams gives the bot for a file a
 * user sends in the personal chat (pre-authorised, short-lived); elsewhere a plain attachment URL.
 */
export function planFileOf(attachments: Attachment[] | undefined): { name: string; fetch(): Promise<ReceivedFile> } | undefined {
  const attachment = attachments?.find((x) => x.contentType === 'application/vnd.microsoft.teams.file.download.info' || (x.contentUrl && /\.ya?ml$/i.test(x.name ?? '')));
  if (!attachment) return undefined;
  const name = attachment.name ?? 'plan.yaml';
  const url = (attachment.content as { downloadUrl?: string } | undefined)?.downloadUrl ?? attachment.contentUrl;
  return {
    name,
    fetch: async () => {
      if (!url || !/^https?:\/\//.test(url)) return { name, problem: 'cannotFetch' };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) return { name, problem: 'cannotFetch' };
        if (Number(res.headers.get('content-length') ?? 0) > MAX_PLAN_FILE_BYTES) return { name, problem: 'tooBig' };
        const bytes = Buffer.from(await res.arrayBuffer());
        return bytes.length > MAX_PLAN_FILE_BYTES ? { name, problem: 'tooBig' } : { name, text: bytes.toString('utf8') };
      } catch {
        return { name, problem: 'cannotFetch' };
      }
    },
  };
}
