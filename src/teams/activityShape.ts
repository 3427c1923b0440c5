import { z } from 'zod';

/**
 * The least an activity must carry before it is handed to the Bot Framework adapter. The adapter
 * throws on a missing `type` outside its own error handling, and the turn code reads the fields
 * below without checking them, so anything else is answered 400 here and never reaches either.
 * Only fields the bot reads are typed; the rest pass through untouched.
 */
const account = z.object({ id: z.string().min(1).max(1_000), aadObjectId: z.string().max(100).optional(), name: z.string().max(1_000).optional() }).passthrough();

const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1_000).optional(),
    name: z.string().max(200).optional(),
    channelId: z.string().min(1).max(100),
    // Replies go to this address, so it must be one.
    serviceUrl: z
      .string()
      .max(2_000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'serviceUrl skal være http(s)'),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1).max(1_000), conversationType: z.string().max(100).optional(), tenantId: z.string().max(100).optional() }).passthrough(),
    text: z.string().max(100_000).optional(),
    locale: z.string().max(100).optional(),
    action: z.string().max(100).optional(),
    timestamp: z.string().max(100).optional(),
    localTimestamp: z.string().max(100).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    channelData: z.object({ tenant: z.object({ id: z.string().max(100).optional() }).passthrough().optional() }).passthrough().optional(),
    // A mention is matched against the bot by `mentioned.id` before any of our code runs.
    entities: z.array(z.object({ type: z.string().max(100), mentioned: account.optional(), text: z.string().max(1_000).optional() }).passthrough().refine((e) => e.type.toLowerCase() !== 'mention' || e.mentioned !== undefined, 'a mention names who is mentioned')).max(100).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(200) }).passthrough()).max(100).optional(),
  })
  .passthrough()
  // A mention lives in the text; the library strips the bot's mention from it before our code runs.
  .refine((a) => a.text !== undefined || !a.entities?.some((e) => e.type.toLowerCase() === 'mention'), { message: 'a mention needs the text it is in', path: ['text'] });

/** Where the body falls short of an activity (field paths only, never values), or undefined when it does not. */
export function activityProblem(body: unknown): string | undefined {
  const result = activityShape.safeParse(body);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
