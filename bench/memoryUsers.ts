import type { TestUser } from '../test/support/activities';

/** The benchmark's users, the same in the bot's process and the one driving it. */
export const memoryUser = (i: number): TestUser => ({ id: `user-m${i}`, name: `Bruger ${i}`, aadObjectId: `memory-${String(i).padStart(3, '0')}` }) as unknown as TestUser;
