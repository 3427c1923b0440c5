import { sensitiveErrorCode } from '../../domain/privacy/freeText';

/**
 * What the user wrote, shortened, to repeat in an answer ("Jeg forstår ikke …"). Text holding a
 * CPR number, an e-mail address or a phone number is not repeated: the bot's answer would put it
 * in the chat a second time, under the bot's name.
 */
export function quoteBack(text: string): string {
  return sensitiveErrorCode(text) ? '…' : text.slice(0, 60);
}
