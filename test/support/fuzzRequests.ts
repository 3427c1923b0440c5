import fc from 'fast-check';
import { cardVerbs } from '../../src/cards/verbs';
import { users } from './activities';

/** One HTTP request to /api/messages: what an attacker, a broken proxy or a buggy client may send. */
export interface FuzzRequest {
  contentType: string | undefined;
  body: string | Uint8Array;
  authorization?: string;
}

const PLAN = 'husum-tingbjerg-2024-2028';
const json = fc.jsonValue({ maxDepth: 3 });

/** Mostly the right thing, sometimes any JSON value, sometimes missing. */
function mostly<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: json }, { weight: 1, arbitrary: fc.constant(undefined) });
}

const account = fc.oneof(
  fc.constantFrom(...Object.values(users)),
  fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), aadObjectId: fc.uuid(), name: fc.string({ maxLength: 20 }) }, { requiredKeys: ['id'] }),
);

const commands = ['hjælp', 'help', 'status', 'status Din Fritid 2025', 'log fremmøde', 'log uge', 'log møde', 'log henvisning', 'mine henvisninger', 'mine registreringer', 'milepæle', 'næste møde', 'indstillinger', 'sprog english', 'sprog dansk', 'tilknyt kanal Styregruppen', 'hvordan går det med Din Fritid?'];
const text = fc.oneof(fc.constantFrom(...commands), fc.string({ maxLength: 300 }), fc.fullUnicodeString({ maxLength: 100 }));

/** What a form sends back: some real field names with right, wrong or absent values. */
const cardData = fc.oneof(
  json,
  fc.record(
    {
      planId: mostly(fc.constantFrom(PLAN, 'another-plan')),
      submissionId: mostly(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }))),
      activityId: mostly(fc.constantFrom('skolesamarbejde', 'din-fritid', 'nope')),
      networkId: mostly(fc.constantFrom('helhedsplanen', 'sof-bbe', 'nope')),
      date: mostly(fc.oneof(fc.constantFrom('2025-06-10', '2025-06-16', '2031-01-01'), fc.string({ maxLength: 12 }))),
      headcount: mostly(fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.string({ maxLength: 6 }))),
      newParticipants: mostly(fc.integer({ min: -5, max: 50 }).map(String)),
      note: mostly(fc.string({ maxLength: 200 })),
      participantCodes: mostly(fc.string({ maxLength: 60 })),
      from: mostly(fc.string({ maxLength: 40 })),
      to: mostly(fc.string({ maxLength: 40 })),
      recordId: mostly(fc.string({ maxLength: 60 })),
      query: mostly(fc.string({ maxLength: 60 })),
      format: mostly(fc.constantFrom('csv', 'xlsx', 'pdf')),
    },
    { requiredKeys: [] },
  ),
);

const verb = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...Object.values(cardVerbs)) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

function activityValue(connectorUrl: string) {
  return fc.oneof(
    // Action.Execute, as Teams sends it.
    fc.record({ action: mostly(fc.record({ type: mostly(fc.constant('Action.Execute')), verb: mostly(verb), data: mostly(cardData) }, { requiredKeys: [] })), trigger: mostly(fc.constant('manual')) }, { requiredKeys: [] }),
    // Action.Submit fallback: the data itself, with its verb.
    fc.tuple(verb, cardData).map(([v, d]) => (d && typeof d === 'object' && !Array.isArray(d) ? { ...d, verb: v } : { verb: v, data: d })),
    // A file consent answer; the upload goes to the local connector or nowhere.
    fc.record({ type: fc.constant('fileUpload'), action: fc.constantFrom('accept', 'decline', 'maybe'), context: mostly(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }))), uploadInfo: mostly(fc.record({ uploadUrl: fc.constantFrom(`${connectorUrl}/upload`, 'not a url'), name: fc.string({ maxLength: 10 }) })) }, { requiredKeys: [] }),
    json,
  );
}

/** A well-formed activity of any kind the bot may get, with what Teams would put in it. */
function wellFormed(connectorUrl: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('message', 'message', 'invoke', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', 'messageReaction', 'typing') }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }),
      id: fc.uuid(),
      name: fc.constantFrom('adaptiveCard/action', 'adaptiveCard/action', 'fileConsent/invoke', 'task/fetch', 'composeExtension/query', 'signin/verifyState'),
      timestamp: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01') }).map((d) => d.toISOString()),
      channelId: fc.constant('msteams'),
      // Only the local connector: replies to an address that does not answer wait out the Bot
      // Connector client's own retries (about 10 s each), which would slow the test, not test more.
      serviceUrl: fc.constantFrom(connectorUrl, `${connectorUrl}/`),
      from: account,
      recipient: fc.constant({ id: '28:bot', name: 'Logbog' }),
      conversation: fc.record({ id: fc.constantFrom('conv-fuzz-1', 'conv-fuzz-2', '19:channel@thread.tacv2'), conversationType: fc.constantFrom('personal', 'channel', 'groupChat'), tenantId: fc.constant('tenant-1') }, { requiredKeys: ['id'] }),
      channelData: fc.constant({ tenant: { id: 'tenant-1' } }),
      locale: fc.constantFrom('da-DK', 'en-US', 'xx'),
      text: text,
      value: activityValue(connectorUrl),
      action: fc.constantFrom('add', 'remove'),
      membersAdded: fc.array(account, { maxLength: 2 }),
      membersRemoved: fc.array(account, { maxLength: 2 }),
      entities: fc.array(fc.record({ type: fc.constantFrom('mention', 'clientInfo', 'Mention'), mentioned: fc.constant({ id: '28:bot', name: 'Logbog' }), text: fc.constant('<at>Logbog</at>') }), { maxLength: 2 }),
    },
    { requiredKeys: ['type', 'id', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation'] },
  );
}

const fieldNames = ['type', 'id', 'name', 'timestamp', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'channelData', 'locale', 'text', 'value', 'membersAdded', 'membersRemoved', 'entities', 'action'];

/** A well-formed activity, or one with up to three fields missing or replaced by any JSON value. */
export function activityArb(connectorUrl: string): fc.Arbitrary<Record<string, unknown>> {
  const broken = fc.subarray(fieldNames, { maxLength: 3 });
  const replacement = fc.oneof(fc.constant(undefined), json, fc.constantFrom('', 'ftp://example.test/', 'not a url', {}, [], { id: 42 }));
  return fc.oneof(
    { weight: 2, arbitrary: wellFormed(connectorUrl) },
    { weight: 1, arbitrary: fc.tuple(wellFormed(connectorUrl), broken, fc.array(replacement, { minLength: 3, maxLength: 3 })).map(([activity, fields, values]) => {
      const copy: Record<string, unknown> = { ...activity };
      fields.forEach((field, i) => {
        if (values[i] === undefined) delete copy[field];
        else copy[field] = values[i];
      });
      return copy;
    }) },
  );
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  { weight: 3, arbitrary: fc.constantFrom(undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=latin1', 'application/json; charset=utf-16le', 'application/vnd.api+json', 'application/*') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,12}(; ?[a-z]{1,8}=[a-z0-9-]{0,10})?$/) },
);

/** Every kind of request: activities missing fields, any JSON, raw bytes, empty bodies, bodies over the 1 MB limit. */
export function requestArb(connectorUrl: string): fc.Arbitrary<FuzzRequest> {
  const asJson = (arb: fc.Arbitrary<unknown>) => arb.map((v) => JSON.stringify(v) ?? '');
  return fc.record({
    contentType,
    body: fc.oneof(
      { weight: 20, arbitrary: asJson(activityArb(connectorUrl)) },
      { weight: 3, arbitrary: asJson(json) },
      { weight: 2, arbitrary: fc.constantFrom('', '{}', '[]', 'null', '"activity"', '{"type":', '{"type":"message"}') },
      { weight: 2, arbitrary: fc.string({ maxLength: 500 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }) },
      // Over express.json's 1 MB limit: a message whose text alone is larger.
      { weight: 1, arbitrary: fc.integer({ min: 1_048_600, max: 1_200_000 }).map((n) => JSON.stringify({ type: 'message', text: 'x'.repeat(n) })) },
    ),
  });
}
