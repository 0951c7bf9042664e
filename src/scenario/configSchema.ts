// The kernel configuration a saved session carries, as a zod schema with the scenario format's ranges.
import * as z from "zod";
import { RUN_QUEUE_MODES } from "../sim/commands.js";
import { type KernelConfig, validateConfig } from "../sim/config.js";
import { validateCacheConfig } from "../sim/cpu/cache.js";
import { BRANCH_STAGES } from "../sim/cpu/pipelineDefs.js";
import { POLICY_NAMES } from "../sim/sched/policy.js";
import { firstProblem, type ScenarioError } from "./compile.js";
import { int, latency, positive, program, ticks } from "./schema.js";

/** Gantt segments kept per core: the dashboard shows a few hundred; the default is 512. */
export const MAX_GANTT_LENGTH = 4096;

const cache = z
  .strictObject({
    name: z.string().max(64),
    size: int(1, 2 ** 30),
    assoc: int(1, 1 << 20),
    lineSize: int(1, 2 ** 30),
    replacement: z.enum(["lru", "fifo", "random"]),
    writePolicy: z.enum(["write-back", "write-through"]),
    writeAllocate: z.boolean(),
    latency,
    classify3C: z.boolean().optional(),
  })
  .check((ctx) => {
    try {
      validateCacheConfig(ctx.value);
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/^cache "[^"]*": /, "") : String(e);
      ctx.issues.push({ code: "custom", message, input: ctx.value });
    }
  });

const cost = z.strictObject({
  base: latency,
  perPage: latency,
  stdio: latency.optional(),
  args: latency.optional(),
});

export const kernelConfigSchema = z
  .strictObject({
    seed: int(0, 2 ** 32 - 1),
    cores: int(1, 64),
    policy: z.enum(POLICY_NAMES),
    quantum: positive,
    mlfq: z.strictObject({
      levels: int(1, 16),
      quanta: z.array(positive),
      allotments: z.array(positive),
      boostInterval: ticks,
      ioToFront: z.boolean(),
      ioResetsAllotment: z.boolean(),
    }),
    cfs: z
      .strictObject({
        targetLatency: positive,
        minGranularity: positive,
        wakeupGranularity: positive,
      })
      .optional(),
    runQueues: z.enum(RUN_QUEUE_MODES).optional(),
    balanceInterval: ticks.optional(),
    steal: z.boolean().optional(),
    switchCost: latency,
    memoryFrames: int(16, 65535),
    disk: z.strictObject({ latency, perBlock: latency, channels: int(1, 64) }),
    forkCost: cost,
    execCost: cost,
    cpu: z.enum(["ideal", "pipeline"]),
    pipeline: z.strictObject({ forwarding: z.boolean(), branchStage: z.enum(BRANCH_STAGES) }),
    caches: z
      .strictObject({
        cores: int(1, 64),
        l1i: cache,
        l1d: cache,
        l2: cache,
        l3: cache,
        ramLatency: latency,
      })
      .nullable(),
    maxProcesses: int(2, 65536),
    ganttLength: int(1, MAX_GANTT_LENGTH),
    programs: z.array(program),
    noInit: z.boolean().optional(),
    exitAtTextEnd: z.boolean().optional(),
    reparentTo: z.enum(["init", "grandparent", "init-all"]).optional(),
  })
  .check((ctx) => {
    const c = ctx.value as KernelConfig;
    const problem =
      c.caches !== null && c.caches.cores !== c.cores
        ? `caches are for ${c.caches.cores} cores, the machine has ${c.cores}`
        : validateConfig(c);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: c });
  });

/** `data` as a KernelConfig, or the ScenarioError saying where and what is wrong (path from `config`). */
export function checkKernelConfig(data: unknown): KernelConfig | ScenarioError {
  const parsed = kernelConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return firstProblem(parsed.error);
  return parsed.data as KernelConfig;
}
