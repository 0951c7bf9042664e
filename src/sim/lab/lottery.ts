// OSTEP's lottery.py: jobs hold tickets, and each time slice goes to the holder of a drawn ticket.
import type { Uniform } from "./pyRandom.js";

export interface LotteryJob {
  /** Time units the job still needs (lottery.py takes any integer; 0 or less is done at once). */
  length: number;
  tickets: number;
}

/** A job list lottery.py cannot run to the end: it stops with a Python error there. */
export class LotteryError extends Error {}

/** Told each draw and each finished job, in lottery.py's order. */
export interface LotteryObserver {
  /** `jobs` as they stand before the winner's slice is charged. */
  draw(
    random: number,
    winner: number,
    tickTotal: number,
    job: number,
    jobs: readonly LotteryJob[],
  ): void;
  done(job: number, time: number): void;
}

/** lottery.py's random number: an integer in 0..1000000. */
export function lotteryNumber(rng: Uniform): number {
  return Math.floor(rng.next() * 1000001);
}

/**
 * lottery.py's random jobs: a length of int(maxlen * random()) and tickets of
 * int(maxticket * random()), each drawn again while it is 0.
 */
export function randomLotteryJobs(
  count: number,
  maxlen: number,
  maxticket: number,
  rng: Uniform,
): LotteryJob[] {
  const jobs: LotteryJob[] = [];
  for (let j = 0; j < count; j++) {
    // A bound of -1, 0 or 1 only ever gives 0: lottery.py would draw forever.
    if (Math.abs(maxlen) <= 1) throw new LotteryError(`a length drawn below ${maxlen} is always 0`);
    if (Math.abs(maxticket) <= 1)
      throw new LotteryError(`a ticket count drawn below ${maxticket} is always 0`);
    let length = 0;
    while (length === 0) length = Math.trunc(maxlen * rng.next());
    let tickets = 0;
    while (tickets === 0) tickets = Math.trunc(maxticket * rng.next());
    jobs.push({ length, tickets });
  }
  return jobs;
}

/** Sum of the jobs' lengths: how many numbers lottery.py draws at most. */
export function lotteryDraws(jobs: readonly LotteryJob[]): number {
  let n = 0;
  for (const j of jobs) n += j.length;
  return Math.max(0, n);
}

/** Python's integer %: the result takes the divisor's sign. */
function pyMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && m < 0 !== b < 0 ? m + b : m;
}

export interface LotteryResult {
  /** Every job was done before the draws ran out (lottery.py then prints an empty line). */
  allDone: boolean;
  /** Time each job was done, or null. */
  doneAt: (number | null)[];
  /** Draws each job won. */
  wins: number[];
}

/**
 * Runs lottery.py's solution: at most lotteryDraws() draws, each giving the winner one quantum,
 * until every job is done. Like lottery.py, a draw no job wins (possible only with negative
 * tickets) charges the previous winner again.
 */
export function runLottery(
  given: readonly LotteryJob[],
  quantum: number,
  rng: Uniform,
  observer?: LotteryObserver,
): LotteryResult {
  const jobs = given.map((j) => ({ ...j }));
  const result: LotteryResult = {
    allDone: false,
    doneAt: jobs.map(() => null),
    wins: jobs.map(() => 0),
  };
  let tickTotal = 0;
  for (const j of jobs) tickTotal += j.tickets;
  let left = jobs.length;
  let clock = 0;
  let wjob = -1;
  let wrun = 0;
  let wtix = 0;
  const draws = lotteryDraws(jobs);
  for (let i = 0; i < draws; i++) {
    const r = lotteryNumber(rng);
    if (tickTotal === 0)
      throw new LotteryError(
        `at time ${clock} the jobs not done hold no tickets, so no ticket can be drawn`,
      );
    const winner = pyMod(r, tickTotal);
    let current = 0;
    for (let j = 0; j < jobs.length; j++) {
      current += jobs[j].tickets;
      if (current > winner) {
        wjob = j;
        wrun = jobs[j].length;
        wtix = jobs[j].tickets;
        break;
      }
    }
    if (wjob < 0) throw new LotteryError(`no job holds winning ticket ${winner} of ${tickTotal}`);
    observer?.draw(r, winner, tickTotal, wjob, jobs);
    result.wins[wjob]++;
    wrun = wrun >= quantum ? wrun - quantum : 0;
    clock += quantum;
    if (wrun === 0) {
      observer?.done(wjob, clock);
      result.doneAt[wjob] = clock;
      tickTotal -= wtix;
      wtix = 0;
      left--;
    }
    jobs[wjob].length = wrun;
    jobs[wjob].tickets = wtix;
    if (left === 0) {
      result.allDone = true;
      return result;
    }
  }
  return result;
}
