/**
 * Peaks of the V8 heap and of memory outside it, sampled in the process being measured: the
 * kernel's high-water mark (VmHWM) says how much resident memory the process reached, not whether
 * it was live objects, garbage not yet collected, or code and buffers outside the heap.
 */
export interface HeapPeaks {
  /** Peak bytes in use by JavaScript objects, live or not yet collected, in MB. */
  heapUsedMb: number;
  /** Peak heap V8 had reserved from the system, in MB. */
  heapTotalMb: number;
  /** Peak memory of C++ objects bound to JavaScript (buffers, sockets), in MB. */
  externalMb: number;
  /** Heap in use when the last full collection was reported (about what the process keeps), in MB. */
  liveAfterLastMajorGcMb: number;
  /** Full (mark-compact) collections while sampling. */
  majorGcs: number;
  /** Time the main thread stood still for garbage collection, all kinds, in ms. */
  gcPauseMs: number;
  /**
   * CPU time the process used (user + system, all its threads, GC helpers included), in ms: less
   * sensitive than the wall clock to other work on a shared machine, so options can be compared.
   */
  cpuMs: number;
  samples: number;
}

const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

/** Starts sampling every `everyMs` and counts major collections; `peaks()` reads what was seen. */
export async function sampleHeap(everyMs = 50): Promise<{ peaks(): HeapPeaks; reset(): void }> {
  // Lazily, so the bot's own start-up is measured without the observer.
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  const v8 = await import('node:v8');
  let peak = { heapUsed: 0, heapTotal: 0, external: 0 };
  let samples = 0;
  let majorGcs = 0;
  let liveAfterMajor = 0;
  let gcPause = 0;
  let cpuFrom = process.cpuUsage();
  const sample = () => {
    const m = process.memoryUsage();
    peak = { heapUsed: Math.max(peak.heapUsed, m.heapUsed), heapTotal: Math.max(peak.heapTotal, m.heapTotal), external: Math.max(peak.external, m.external) };
    samples += 1;
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPause += entry.duration;
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      majorGcs += 1;
      liveAfterMajor = v8.getHeapStatistics().used_heap_size;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  setInterval(sample, everyMs).unref();
  return {
    peaks: () => {
      sample();
      const cpu = process.cpuUsage(cpuFrom);
      return {
        heapUsedMb: mb(peak.heapUsed),
        heapTotalMb: mb(peak.heapTotal),
        externalMb: mb(peak.external),
        liveAfterLastMajorGcMb: mb(liveAfterMajor),
        majorGcs,
        gcPauseMs: Math.round(gcPause),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        samples,
      };
    },
    reset: () => {
      peak = { heapUsed: 0, heapTotal: 0, external: 0 };
      samples = 0;
      majorGcs = 0;
      gcPause = 0;
      cpuFrom = process.cpuUsage();
    },
  };
}
