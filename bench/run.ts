/**
 * `npm run bench`: measurements, not tests. Prints a table and writes bench/results/latest.json.
 * BENCH_ROUNDS sets the sample size (default 300).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchCardSubmit } from './cardSubmit';
import { benchDurability } from './durability';
import { benchPrivacyGuard } from './privacyGuard';
import { benchReminderThroughput, type ReminderBench } from './reminderThroughput';
import { benchStatusAtScale } from './statusAtScale';

async function main() {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
  // BENCH_PARTS=card,durability,reminders,status,guard runs a subset; results of parts not run are left out.
  const parts = new Set((process.env.BENCH_PARTS ?? 'card,durability,reminders,status,guard').split(','));
  const startedAt = new Date().toISOString();
  const cardSubmit = parts.has('card') ? await benchCardSubmit(rounds) : undefined;
  if (cardSubmit) console.log(`\nCard submit vs echo turn over HTTP, embedded Cosmos, ${rounds} rounds each (ms)`);
  if (cardSubmit) console.table({ 'card submit (Action.Execute)': cardSubmit.submit, 'echo turn (text message)': cardSubmit.echo });
  if (cardSubmit) console.log(`ratio submit/echo: p50 ${cardSubmit.ratioP50}×, p95 ${cardSubmit.ratioP95}×; Teams invoke budget 5000 ms`);

  const durability = parts.has('durability') ? await benchDurability(rounds) : undefined;
  if (durability) console.log(`\nCard submit with the embedded database's write-ahead log (fsync before each answer) and memory only, ${rounds} rounds each (ms)`);
  if (durability) console.table({ 'with the log (npm start)': durability.withLog, 'memory only (tests)': durability.memoryOnly });
  if (durability) console.log(`durability costs ${durability.costP50Ms} ms at p50, ${durability.costP95Ms} ms at p95`);

  const reminderCount = Number(process.env.BENCH_REMINDERS ?? 5000);
  // BENCH_REMINDER_INSTANCES=1,2,4: how many bot instances share the database and the tenant in each run.
  const instanceCounts = (process.env.BENCH_REMINDER_INSTANCES ?? '1,2,4').split(',').map(Number);
  const reminders: ReminderBench[] = [];
  for (const instances of parts.has('reminders') ? instanceCounts : []) reminders.push(await benchReminderThroughput(reminderCount, instances));
  if (reminders.length) console.log(`\nReminders: ${reminderCount} to ${reminderCount} conversations through one connector enforcing Teams' limits for every instance`);
  if (reminders.length) console.table(Object.fromEntries(reminders.map(({ sentBy, ...r }) => [`${r.instances} instance${r.instances > 1 ? 's' : ''}`, { ...r, sentBy: JSON.stringify(sentBy) }])));
  for (const r of reminders) console.log(`${r.instances} instance(s): ${r.requestsPerSecond} requests/s = ${r.fractionOf50rps} of 50/s; limit violations ${r.limitViolations}; lost ${r.lost}; duplicates ${r.duplicates}`);

  const scales = (process.env.BENCH_STATUS_SCALES ?? '1,10,100').split(',').map(Number);
  const status = parts.has('status') ? await benchStatusAtScale(scales) : [];
  if (status.length) console.log("\nStatus for 2025 (whole plan) with 1, 10 and 100 times a realistic year of logs; embedded database in its own process (ms)");
  if (status.length) console.table(
    Object.fromEntries(
      status.map((r) => [
        r.scale,
        {
          records: r.records,
          'status p50': r.status.p50,
          'status p95': r.status.p95,
          'status docs read': r.statusDocumentsRead,
          'status KB read': r.statusKilobytesRead,
          'recompute p50 (read + compute)': typeof r.recompute === 'string' ? r.recompute : r.recompute.p50,
          'recompute p50 (compute only)': r.recomputeInMemory.p50,
          'recompute docs read': r.recomputeDocumentsRead,
          'recompute KB read': r.recomputeKilobytesRead,
          'recompute/status': r.ratio ?? '',
          'compute-only/status': r.inMemoryRatio,
        },
      ]),
    ),
  );
  if (status.length) console.log('The embedded server answers every request with a request charge of 1, so RUs are not reported; documents and kilobytes read are what Cosmos DB charges for.');

  const guard = parts.has('guard') ? benchPrivacyGuard(rounds) : undefined;
  if (guard) console.log(`\nPrivacy guard on one 1,000-character note, ${rounds} rounds each (ms); it runs on every submit`);
  if (guard) console.table(guard);

  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest.json'), JSON.stringify({ startedAt, node: process.version, cardSubmit, durability, reminders, status, guard }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
