/**
 * `npm run bench`: measurements, not tests. Prints a table and writes bench/results/latest.json.
 * BENCH_ROUNDS sets the sample size (default 300). BENCH_OUTPUT names another file in
 * bench/results, so a run of one part (the 50,000 reminders) does not replace the full run's file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchCardSubmitBothWays } from './cardSubmitBothWays';
import { benchDurability } from './durability';
import { compileMemoryBot } from './compiledBot';
import { benchMemory, type MemoryResult } from './memory';
import { benchPrivacyGuard } from './privacyGuard';
import { productionNodeOptions } from './productionNodeOptions';
import { benchReminderThroughput, type ReminderBench } from './reminderThroughput';
import { benchStatusAtScale } from './statusAtScale';

async function main() {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
  // BENCH_PARTS=card,durability,reminders,status,guard,memory runs a subset; results of parts not run are left out.
  const parts = new Set((process.env.BENCH_PARTS ?? 'card,durability,reminders,status,guard,memory').split(','));
  const startedAt = new Date().toISOString();
  const cardSubmit = parts.has('card') ? await benchCardSubmitBothWays(rounds) : undefined;
  if (cardSubmit) console.log(`\nCard submit vs echo turn over HTTP, embedded Cosmos, ${rounds} rounds each (ms): the bot in a process of its own, as in production, and everything in one process`);
  if (cardSubmit)
    console.table({
      'card submit, bot apart': cardSubmit.submit,
      'echo turn, bot apart': cardSubmit.echo,
      'card submit, one process': cardSubmit.inOneProcess.submit,
      'echo turn, one process': cardSubmit.inOneProcess.echo,
      'submit until its rollups are written, one process': cardSubmit.inOneProcess.untilWritten,
    });
  if (cardSubmit) console.log(`ratio submit/echo, bot apart: p50 ${cardSubmit.ratioP50}×, p95 ${cardSubmit.ratioP95}× (goal ≤ 1.5× at p95); in one process: p50 ${cardSubmit.inOneProcess.ratioP50}×, p95 ${cardSubmit.inOneProcess.ratioP95}×; Teams invoke budget 5000 ms`);
  if (cardSubmit) console.log(`database round trips per submit (counted): ${cardSubmit.roundTripsPerSubmit} in all: ${cardSubmit.roundTripsOfOneSubmit.join(', ')}`);
  if (cardSubmit) console.log(`of which before the answer: ${cardSubmit.roundTripsBeforeAnswer.length}: ${cardSubmit.roundTripsBeforeAnswer.join(', ')} (the rest after it)`);

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
  const status = parts.has('status') ? await benchStatusAtScale(scales, Number(process.env.BENCH_STATUS_RUNS ?? 200), Number(process.env.BENCH_TENANT_PLANS ?? 50)) : [];
  if (status.length) console.log('\nStatus for 2025 (whole plan), with 1, 10 and 100 times a realistic year of logs, and with 50 plans stored; embedded database in its own process (ms, KB)');
  if (status.length) console.table(
    Object.fromEntries(
      status.map((r) => [
        typeof r.scale === 'number' ? `${r.scale}×` : r.scale,
        {
          records: r.records,
          'status p50': r.status.p50,
          'status p95': r.status.p95,
          'docs read': r.statusDocumentsRead,
          'KB read': r.statusKilobytesRead,
          'of which codes docs': r.personCodeDocumentsRead,
          'codes KB': r.personCodeKilobytesRead,
          'focus area docs / KB / p95': `${r.focusAreaStatus.documentsRead} / ${r.focusAreaStatus.kilobytesRead} / ${r.focusAreaStatus.status.p95}`,
          'summary KB (2025)': r.storedKilobytes.summary2025,
          'codes KB (2025)': r.storedKilobytes.personCodes2025,
          'distinct codes': r.distinctPersonCodes,
          'recompute p50 (read + compute)': typeof r.recompute === 'string' ? r.recompute : r.recompute.p50,
          'recompute p50 (compute only)': r.recomputeInMemory.p50,
          'recompute docs read': r.recomputeDocumentsRead,
          'recompute/status': r.ratio ?? '',
          'compute-only/status': r.inMemoryRatio,
          'figures as recomputed': r.figuresAsRecomputed ? 'yes' : 'NO',
        },
      ]),
    ),
  );
  const base = status.find((r) => r.scale === 1);
  const hundred = status.find((r) => r.scale === 100);
  if (base && hundred) console.log(`status p95 at 100× / at 1×: ${Math.round((hundred.status.p95 / base.status.p95) * 100) / 100}×; documents are counted by an SDK request plugin (rollups container); status also reads ${base.otherDocumentsRead} documents elsewhere (plan, roster, membership, indicators, milestones).`);
  if (status.length) console.log('The embedded server answers every request with a request charge of 1, so RUs are not reported; documents and kilobytes read are what Cosmos DB charges for.');

  const guard = parts.has('guard') ? benchPrivacyGuard(rounds) : undefined;
  if (guard) console.log(`\nPrivacy guard on one 1,000-character note, ${rounds} rounds each (ms); it runs on every submit`);
  if (guard) console.table(guard);

  const memoryUsers = Number(process.env.BENCH_MEMORY_USERS ?? 50);
  const memoryRounds = Number(process.env.BENCH_MEMORY_ROUNDS ?? 10);
  // The figure (memory): the bot as production runs it, compiled, the database elsewhere, with
  // start:prod's node options (BENCH_MEMORY_NODE_OPTIONS tries others, e.g. "--max-old-space-size=160").
  // Beside it, what those options cost: the same bot with node's defaults (memoryNodeDefaults), and
  // the bot as npm start runs it (memoryNpmStart: tsx, embedded database in the bot, no options).
  const prodOptions = process.env.BENCH_MEMORY_NODE_OPTIONS !== undefined ? process.env.BENCH_MEMORY_NODE_OPTIONS.split(/\s+/).filter(Boolean) : productionNodeOptions();
  const compiled = parts.has('memory') ? await compileMemoryBot() : undefined;
  const memory = compiled ? await benchMemory(memoryUsers, memoryRounds, 'separate', prodOptions, compiled) : undefined;
  const memoryNodeDefaults = compiled && prodOptions.length ? await benchMemory(memoryUsers, memoryRounds, 'separate', [], compiled) : undefined;
  const memoryNpmStart = parts.has('memory') ? await benchMemory(memoryUsers, memoryRounds, 'in process', []) : undefined;
  if (memory) console.log(`\nMemory: ${memoryUsers} users at once, each opening the attendance card, saving it and asking for status ${memoryRounds} times; the bot in a process of its own (MB, ms)`);
  const row = (r: MemoryResult) => ({
    'node options': r.nodeOptions || '(defaults)',
    'peak RSS': r.rssMb,
    'RSS before': r.rssBeforeMb,
    'heap used peak': r.heap.heapUsedMb,
    'heap total peak': r.heap.heapTotalMb,
    'external peak': r.heap.externalMb,
    'live after last full GC': r.heap.liveAfterLastMajorGcMb,
    'full GCs': r.heap.majorGcs,
    'GC pauses': r.heap.gcPauseMs,
    'bot CPU': r.heap.cpuMs,
    duration: r.durationMs,
    'turn p50': r.turnMs.p50,
    'turn p95': r.turnMs.p95,
    confirmed: `${r.confirmed}/${r.turns / 3}`,
  });
  const memoryRows: Record<string, ReturnType<typeof row>> = {};
  if (memory) memoryRows['compiled, database elsewhere (production)'] = row(memory);
  if (memoryNodeDefaults) memoryRows['the same with node defaults'] = row(memoryNodeDefaults);
  if (memoryNpmStart) memoryRows['tsx, embedded database in the bot (npm start)'] = row(memoryNpmStart);
  if (memory) console.table(memoryRows);
  if (memory) console.log(`peak RSS ${memory.rssMb} MB (goal ≤ 250 MB; ${memory.rssBeforeMb} MB before the users started), node options: ${memory.nodeOptions || '(defaults)'}`);

  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, process.env.BENCH_OUTPUT ?? 'latest.json'), JSON.stringify({ startedAt, node: process.version, cardSubmit, durability, reminders, status, guard, memory, memoryNodeDefaults, memoryNpmStart }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
