import type { CardJson } from '../cards/renderCard';
import type { ReceivedFile } from '../usecases/importPlanFile';
import type { Language, TeamsDirectory } from '../usecases/ports';

/**
 * What a handler needs from an activity, and what it answers, free of SDK types: the
 * Teams-library calls stay in app.ts, so a move to the Teams SDK v2 only rewrites that file.
 */
export interface TurnInput {
  aadObjectId: string | undefined;
  locale: string | undefined;
  /** Resolved once per turn from the user's choice and the Teams locale (see createHandlers). */
  language?: Language;
  text: string;
  conversationId: string | undefined;
  /** 'personal', 'channel' or 'groupChat'. */
  conversationType: string | undefined;
  /** Card submit data (Action.Execute data or Action.Submit value). */
  data: unknown;
  /** The team a channel belongs to (Teams' channelData.team.id). */
  teamId?: string;
  /** Who is who in this conversation, looked up through the Teams edge (TeamsInfo). */
  directory?: TeamsDirectory;
  /** A file sent with the message (a plan file), fetched through the edge when asked for. */
  file?: { name: string; fetch(): Promise<ReceivedFile> };
}

/** A file to offer the user: Teams asks for consent, then the edge uploads it (see app.ts). */
export interface FileOffer {
  name: string;
  description: string;
  sizeInBytes: number;
  /** Comes back with the consent, so any instance can make the file again. */
  context: Record<string, string>;
}

/**
 * What a handler answers: a card (replacing the one clicked, for a card action), a text, a file
 * offer, or a card posted as a new message while the clicked card stays (`besides`: the short
 * confirmation shown for the click).
 */
export type BotReply =
  /** `shared`: what everyone else in a channel now sees on the clicked card (it was done by this click). */
  | { card: CardJson; shared?: CardJson }
  | { text: string }
  | { fileOffer: FileOffer; text: string }
  | { newCard: CardJson; besides: string };

export interface FileToUpload {
  name: string;
  bytes: Buffer;
}

export type TurnHandler = (turn: TurnInput) => Promise<BotReply>;
