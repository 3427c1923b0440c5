import { benchCardSubmit } from './cardSubmit';
import { benchCardSubmitApart } from './cardSubmitApart';

/**
 * The card submit figures side by side: `ratioP95` and `ratioP50` from the bot in a process of
 * its own (as Teams reaches it), `inOneProcess` as the issue first measured it (client, bot and
 * database on one event loop), with the database round trips counted there.
 */
export async function benchCardSubmitBothWays(rounds: number) {
  const { submit, echo, untilWritten, ratioP50, ratioP95, ...roundTrips } = await benchCardSubmit(rounds);
  const apart = await benchCardSubmitApart(rounds);
  return { ...apart, ...roundTrips, inOneProcess: { submit, echo, untilWritten, ratioP50, ratioP95 } };
}
