import {
  ActivityTypes,
  CardFactory,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationParameters,
  type ConversationReference,
  type Request,
  type Response,
  type TeamsChannelAccount,
} from 'botbuilder';
// The modules themselves, not the package's index: the index also loads the AI planners, the
// OpenAI client, the tokenizer and the prompt tooling (about 16 MB of resident memory) that this
// edge never uses; src/teams/languageModel.ts loads them when a model is configured.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { AdaptiveCardActionExecuteResponseType } from '@microsoft/teams-ai/lib/AdaptiveCards';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Config } from '../config/config';
import { cardVerbs, type CardVerb } from '../cards/verbs';
import { sensitiveErrorCode } from '../domain/privacy/freeText';
import { messagesFor } from '../i18n';
import type { Logger } from '../logging/logger';
import { withinMs } from '../usecases/deadline';
import type { ConversationAddress, TeamsDirectory, TeamsPerson } from '../usecases/ports';
import { allPages, personOf, planFileOf } from './teamsPeople';
import type { SendOutcome } from '../usecases/reminders/deliverReminders';
import { parseCommand } from './commands';
import { outcomeOf } from './sendOutcome';
import type { Handlers } from './handlers';
import type { QuestionRewriter } from './languageModel';
import type { BotReply, FileOffer, TurnInput } from './turn';

/**
 * The Teams edge: the only file that talks to @microsoft/teams-ai and botbuilder. It turns
 * activities into TurnInputs, picks the handler, and turns BotReplies back into activities.
 */
export interface BotApp {
  /** Processes one HTTP request from the Bot Connector (or the Agents Playground). */
  process(req: Request, res: Response): Promise<void>;
  /** Posts a card into a conversation the bot was told about earlier (a reminder). */
  send(address: ConversationAddress, card: object): Promise<SendOutcome>;
  /** Opens the bot's personal chat with a user it is installed for (Bot Connector createConversation), through the connector `via` uses. */
  openPersonalChat(via: ConversationAddress, aadObjectId: string): Promise<ConversationAddress | undefined>;
}

/**
 * The connector client's pipeline retries 429s and 5xx on its own, invisibly. The outbox owns
 * retries (it counts attempts, keeps Teams' limits and persists what is left), so the hidden
 * retry policy is removed from the client used for a proactive send.
 */
function withoutHiddenRetries(connector: unknown): void {
  const pipeline = (connector as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } })?.client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

const teamIdOf = (a: Activity) => (a.channelData as { team?: { id?: string } } | undefined)?.team?.id;

/** Who is who, through TeamsInfo, for the conversation of this turn. */
function directoryOf(context: TurnContext): TeamsDirectory {
  return {
    self: async () => (context.activity.from?.id ? personOf(await TeamsInfo.getMember(context, context.activity.from.id)) : undefined),
    conversationMembers: () => allPages((token) => TeamsInfo.getPagedMembers(context, 500, token)),
    teamMembers: (teamId) => allPages((token) => TeamsInfo.getPagedTeamMembers(context, teamId, 500, token)),
  };
}

function turnInputOf(context: TurnContext, data: unknown): TurnInput {
  const a = context.activity;
  const teamId = teamIdOf(a);
  return {
    aadObjectId: a.from?.aadObjectId,
    locale: a.locale,
    text: (a.text ?? '').trim(),
    conversationId: a.conversation?.id,
    conversationType: a.conversation?.conversationType,
    data,
    ...(teamId ? { teamId } : {}),
    directory: directoryOf(context),
  };
}

function toActivity(reply: BotReply) {
  if ('card' in reply) return MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  if ('newCard' in reply) return MessageFactory.attachment(CardFactory.adaptiveCard(reply.newCard));
  if ('fileOffer' in reply) return fileConsentActivity(reply.fileOffer);
  return MessageFactory.text(reply.text);
}

/** Teams' file consent card: the user allows the upload, then Teams gives an upload URL. */
function fileConsentActivity(offer: FileOffer) {
  return MessageFactory.attachment({
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: offer.name,
    content: { description: offer.description, sizeInBytes: offer.sizeInBytes, acceptContext: offer.context, declineContext: offer.context },
  });
}

interface FileConsentValue {
  type?: string;
  action?: string;
  context?: Record<string, string>;
  uploadInfo?: { uploadUrl?: string; contentUrl?: string; name?: string; uniqueId?: string; fileType?: string };
}

/** Puts the bytes at the OneDrive upload URL Teams gave, in one range. */
async function upload(url: string, bytes: Buffer): Promise<boolean> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
  });
  return res.ok;
}

function isSubmit(context: TurnContext): boolean {
  const value = context.activity.value as { verb?: unknown } | undefined;
  return typeof value?.verb === 'string';
}

/**
 * Bot Framework takes its settings all-or-nothing: once one endpoint is overridden (here where
 * the token signing keys are published), every other one must be given too, or incoming tokens
 * match no issuer. These are the public cloud's values from Bot Framework's AuthenticationConstants.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

/** How long a turn waits for the conversation's address to be stored before it goes on. */
const CONVERSATION_SEEN_MS = 1_000;
/** How long a user's first turn waits for Teams to say who they are (TeamsInfo.getMember) and their plans to be claimed. */
const USER_SEEN_MS = 2_500;

export function createBotApp(config: Config['bot'], handlers: Handlers, logger: Logger, rewriteQuestion?: QuestionRewriter): BotApp {
  // Without an app id the adapter runs unauthenticated (local development only; startServer warns).
  const authConfig = config.appId
      ? {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword ?? '',
          MicrosoftAppType: config.appType,
          MicrosoftAppTenantId: config.tenantId ?? '',
          ...(config.openIdMetadata ? publicCloudWithKeysFrom(config.openIdMetadata) : {}),
        }
      : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  const adapter = new TeamsAdapter(authConfig);
  // The adapter answers some token failures (a bad signature) with 500 and the library's message;
  // checking the token first makes every failure a plain 401 that says nothing about why.
  const gate = config.appId ? new ConfigurationBotFrameworkAuthentication(authConfig) : undefined;
  const authenticated = async (req: Request): Promise<boolean> => {
    if (!gate) return true;
    try {
      await gate.authenticateRequest(req.body as unknown as Activity, String(req.headers?.authorization ?? ''));
      return true;
    } catch {
      return false;
    }
  };

  adapter.onTurnError = async (context, error) => {
    const a = context.activity;
    logger.error({ err: error, activityId: a.id, conversationId: a.conversation?.id, activityType: a.type }, 'turn failed');
    const text = messagesFor(a.locale?.toLowerCase().startsWith('en') ? 'en' : 'da').turnError;
    try {
      // An invoke must be answered in its HTTP response; a message can be answered in the chat.
      if (a.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
      } else {
        await context.sendActivity(text);
      }
    } catch (err) {
      // The apology could not be delivered either (the connector is away). Thrown from here, the
      // adapter would answer 500 with the error's message and log it past pino.
      logger.error({ err, activityId: a.id, conversationId: a.conversation?.id }, 'could not answer a failed turn');
    }
  };

  const app = new Application<TurnState>({
    adapter,
    botAppId: config.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
    // A logging form belongs to whoever fills it in, so the answer replaces the card for them only.
    adaptiveCards: { actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_INTERACTOR },
  });

  // Every activity refreshes where the conversation can be reached; removing the app forgets it.
  app.turn('beforeTurn', async (context) => {
    const a = context.activity;
    const conversationId = a.conversation?.id;
    if (!conversationId) return true;
    const botRemoved = a.type === ActivityTypes.ConversationUpdate && a.membersRemoved?.some((m) => m.id === a.recipient?.id);
    if ((a.type === ActivityTypes.InstallationUpdate && a.action?.startsWith('remove')) || botRemoved) {
      await handlers.conversationRemoved(conversationId);
      return true;
    }
    const conversationType = a.conversation.conversationType ?? 'personal';
    const seen = handlers.conversationSeen({
      conversationId,
      conversationType,
      tenantId: a.conversation.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
      ...(conversationType === 'personal' && a.from?.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}),
      reference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(a))) as Record<string, unknown>,
    });
    try {
      // Keeping the address fresh is for later reminders; with the database away, the turn goes
      // on (and says so itself) rather than spend its 5 s waiting here.
      await withinMs(seen, CONVERSATION_SEEN_MS);
    } catch (err) {
      logger.warn({ err, activityId: a.id }, 'could not refresh the conversation address');
    }
    // Installing the app in a personal chat counts as a first turn too: reminders can reach the user
    // from then on, before they have typed anything.
    const installedByUser = (a.type === ActivityTypes.ConversationUpdate || a.type === ActivityTypes.InstallationUpdate) && conversationType === 'personal';
    if ((a.type === ActivityTypes.Message || a.type === ActivityTypes.Invoke || installedByUser) && a.from?.aadObjectId) {
      try {
        // A user's first turn: Teams says who they are, and the plans naming their e-mail address get their object id.
        await withinMs(handlers.userSeen(turnInputOf(context, undefined)), USER_SEEN_MS);
      } catch (err) {
        logger.warn({ err, activityId: a.id }, 'could not look up who the user is in Teams');
      }
    }
    return true;
  });

  // Someone joined or left a team: the networks linked to its channels follow (usecases/people/teamRoster.ts).
  const teamChanged = async (context: TurnContext, added: ChannelAccount[], removed: ChannelAccount[]) => {
    const teamId = teamIdOf(context.activity);
    const botId = context.activity.recipient?.id;
    const people = (list: ChannelAccount[]) => list.filter((m) => m.id !== botId);
    if (!teamId || (!people(added).length && !people(removed).length)) return;
    const joined: TeamsPerson[] = [];
    for (const m of people(added)) {
      // The event names the user; the roster entry has their e-mail address.
      const person = personOf(await TeamsInfo.getMember(context, m.id).catch(() => undefined)) ?? personOf(m as TeamsChannelAccount);
      if (person) joined.push(person);
    }
    await handlers.teamMembersChanged({ teamId, added: joined, removed: people(removed).map((m) => ({ teamsUserId: m.id, ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}) })) });
  };

  // When the app is added to a chat or team, say what the bot can do.
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) {
      await context.sendActivity(toActivity(await handlers.welcome(turnInputOf(context, undefined))));
    }
    await teamChanged(context, context.activity.membersAdded ?? [], []);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    await teamChanged(context, [], context.activity.membersRemoved ?? []);
  });

  // Text commands. Card submits (Action.Submit fallback) are also messages, so they are excluded here.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Message && !isSubmit(context),
    async (context) => {
      const turn = turnInputOf(context, undefined);
      const file = planFileOf(context.activity.attachments);
      if (file) {
        await context.sendActivity(toActivity(await handlers.planFileReceived({ ...turn, file })));
        return;
      }
      const command = parseCommand(turn.text);
      // Text holding personal data is never sent to the language model.
      if (!command && rewriteQuestion && turn.text && !sensitiveErrorCode(turn.text)) {
        // The deterministic parser could not read it; the model may rewrite it into a command it can.
        const rewritten = await rewriteQuestion(context, turn.text);
        const understood = rewritten ? parseCommand(rewritten) : undefined;
        if (understood) {
          await context.sendActivity(toActivity(await handlers.commands[understood]({ ...turn, text: rewritten! })));
          return;
        }
      }
      const handler = command ? handlers.commands[command] : handlers.unknownCommand;
      await context.sendActivity(toActivity(await handler(turn)));
    },
  );

  // The user's answer to a file consent card: on accept, make the file again and upload it.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'fileConsent/invoke',
    async (context) => {
      const value = (context.activity.value ?? {}) as FileConsentValue;
      const turn = turnInputOf(context, value.context ?? {});
      if (value.action === 'accept' && value.uploadInfo?.uploadUrl) {
        const file = await handlers.fileAccepted(turn);
        if ('text' in file) await context.sendActivity(file.text);
        else if (await upload(value.uploadInfo.uploadUrl, file.bytes)) {
          await context.sendActivity(
            MessageFactory.attachment({
              contentType: 'application/vnd.microsoft.teams.card.file.info',
              contentUrl: value.uploadInfo.contentUrl,
              name: value.uploadInfo.name ?? file.name,
              content: { uniqueId: value.uploadInfo.uniqueId, fileType: value.uploadInfo.fileType },
            }),
          );
        } else await context.sendActivity((await handlers.fileFailed(turn)).text);
      } else {
        await context.sendActivity((await handlers.fileDeclined(turn)).text);
      }
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    },
  );

  for (const verb of Object.values(cardVerbs) as CardVerb[]) {
    const handler = handlers.cardActions[verb];
    // Action.Execute (Teams, universal actions): the returned card replaces the one clicked.
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const reply = await handler(turnInputOf(context, data));
      if ('fileOffer' in reply) await context.sendActivity(fileConsentActivity(reply.fileOffer));
      if ('newCard' in reply) {
        // The clicked card stays as it was; the new one arrives below it.
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(reply.newCard)));
        return reply.besides;
      }
      if ('card' in reply && reply.shared && context.activity.replyToId) {
        // The shared message changes for everyone; the answer below is the clicker's own view.
        await context
          .updateActivity({ id: context.activity.replyToId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.shared)] })
          .catch((err: unknown) => logger.warn({ err, activityId: context.activity.id }, 'could not update the shared card'));
      }
      if ('card' in reply) {
        // Answered here, not returned: teams-ai would put a card that carries `refresh` on the
        // shared message for everyone (and a refresh would then refresh itself without end).
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card } } });
        return '';
      }
      return reply.text;
    });
    // Action.Submit fallback (older clients): the answer is posted as a new message.
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await context.sendActivity(toActivity(await handler(turnInputOf(context, data))));
    });
  }

  // An invoke no route above took. A card action with a verb this version does not know (a card
  // from an older version) gets a Danish answer; any other invoke is not one Logbog speaks, and is
  // refused with 400 rather than the adapter's 501, so a stranger's requests never count as
  // server failures in the monitoring.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Invoke,
    async (context) => {
      if (context.activity.name === 'adaptiveCard/action') {
        const reply = await handlers.unknownCardAction(turnInputOf(context, undefined));
        const text = 'text' in reply ? reply.text : '';
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
      } else {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
      }
    },
  );

  return {
    process: async (req, res) => {
      if (!(await authenticated(req))) {
        logger.warn({ activityId: (req.body as { id?: unknown } | undefined)?.id }, 'refused an activity without a valid Bot Framework token');
        res.status(401);
        res.send('Unauthorized');
        res.end();
        return;
      }
      await adapter.process(req, res, async (context) => {
        const a = context.activity;
        const started = Date.now();
        await app.run(context);
        // One line per turn, found by its activity id. Never the text or card values: they can
        // hold personal data. The verb is one of ours (cards/verbs.ts), so it is safe to log.
        const value = a.value as { verb?: unknown; action?: { verb?: unknown } } | undefined;
        const verb = typeof value?.action?.verb === 'string' ? value.action.verb : typeof value?.verb === 'string' ? value.verb : undefined;
        logger.info({ activityId: a.id, activityType: a.type, name: a.name, verb: verb && verb in cardVerbs ? verb : undefined, conversationType: a.conversation?.conversationType, ms: Date.now() - started }, 'turn');
      });
    },
    send: async (address, card) => {
      // Without the last activity's id the card is a new message, not a reply in an old thread.
      // The failure is caught inside the turn: thrown out of it, the adapter's onTurnError would
      // post an apology into the conversation, which is no answer to a failed send.
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(config.appId ?? '', { ...(address.reference as Partial<ConversationReference>), activityId: undefined }, async (context) => {
          withoutHiddenRetries(context.turnState.get(adapter.ConnectorClientKey));
          try {
            await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
          } catch (err) {
            failure = err;
          }
        });
      } catch (err) {
        failure = err;
      }
      return failure === undefined ? { kind: 'sent' } : outcomeOf(failure);
    },
    openPersonalChat: async (via, aadObjectId) => {
      const reference = via.reference as Partial<ConversationReference>;
      if (!reference.serviceUrl) return undefined;
      let address: ConversationAddress | undefined;
      try {
        const parameters = { isGroup: false, bot: reference.bot, members: [{ id: aadObjectId }], tenantId: via.tenantId, channelData: { tenant: { id: via.tenantId } } } as unknown as ConversationParameters;
        await adapter.createConversationAsync(config.appId ?? '', 'msteams', reference.serviceUrl, 'https://api.botframework.com', parameters, async (context) => {
          const a = context.activity;
          address = {
            conversationId: a.conversation.id,
            conversationType: 'personal',
            ...(via.tenantId ? { tenantId: via.tenantId } : {}),
            aadObjectId,
            reference: JSON.parse(JSON.stringify({ ...TurnContext.getConversationReference(a), conversation: { ...a.conversation, conversationType: 'personal' } })) as Record<string, unknown>,
            updatedAt: new Date().toISOString(),
          };
        });
      } catch (err) {
        logger.warn({ err }, 'could not open a personal chat with a user');
      }
      return address;
    },
  };
}
