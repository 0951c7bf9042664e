// A process's life as the steps it went through, each with its tick: what the details panel tells.

/** The steps a process's story is made of. */
export const Step = {
  /** pid allocated, entry in the process list (arg: parent pid). */
  Created: 1,
  /** An empty address space: text, data, heap and stack regions. */
  AddressSpace: 2,
  /** Created by fork (arg: parent pid): the parent's address space shared copy-on-write, its files. */
  ForkedFrom: 3,
  /** Code and static data read in from disk (arg: pages loaded). */
  Loaded: 4,
  /** Standard input, output and error opened (descriptors 0, 1, 2). */
  Stdio: 5,
  /** argc and argv on the stack where main expects them (arg: sp). */
  Args: 6,
  /** First put on the ready queue. */
  Ready: 7,
  /** First dispatched (arg: core). */
  Dispatched: 8,
  /** First instruction of main. */
  Main: 9,
  /** First instruction of a fork child: fork returns 0. */
  ForkReturn: 10,
  /** fork (arg: child pid). */
  Forked: 11,
  /** exec (arg: program id): the old image released. */
  Exec: 12,
  /** A signal delivered (arg: signal | action code << 8, see SIGNAL_ACTIONS). */
  Signal: 13,
  /** exit (arg: status | killing signal << 8). */
  Exited: 14,
  /** A zombie until its parent waits (arg: parent pid). */
  Zombie: 15,
  /** Reaped a child with wait (arg: child pid). */
  ReapedChild: 16,
} as const;
export type Step = (typeof Step)[keyof typeof Step];

/** Signal actions as stored in a Signal step's argument. */
export const SIGNAL_ACTIONS = [
  "terminated",
  "core",
  "ignored",
  "stopped",
  "continued",
  "handler",
] as const;

/** The first HEAD steps are kept for good (the start-up); later ones in a ring of the last RING. */
const HEAD = 12;
const RING = 12;
const CAPACITY = HEAD + RING;

export interface StoryEntry {
  tick: number;
  step: Step;
  arg: number;
}

export class ProcessStory {
  private readonly ticks = new Float64Array(CAPACITY);
  private readonly steps = new Uint8Array(CAPACITY);
  private readonly args = new Int32Array(CAPACITY);
  /** Steps recorded so far (more than CAPACITY once the ring has wrapped). */
  count = 0;
  /** Whether the first dispatch has been recorded. */
  dispatched = false;
  /** The start the next user instruction makes: Main, ForkReturn, or 0 when under way. */
  pendingStart = 0;
  /** Tick of the last Main or ForkReturn, -1 before: where start-up ends and useful work begins. */
  startedAt = -1;
  /** User-mode ticks (cycles less system ticks) already spent when it started. */
  userAtStart = 0;
  /** Children reaped by wait: how many, their start-up and their useful ticks (as tms_cutime). */
  reapedChildren = 0;
  childStartup = 0;
  childUseful = 0;

  add(tick: number, step: Step, arg = 0): void {
    const i = this.count < CAPACITY ? this.count : HEAD + ((this.count - HEAD) % RING);
    this.ticks[i] = tick;
    this.steps[i] = step;
    this.args[i] = arg;
    this.count++;
  }

  /** Steps left out between the kept start-up and the ring of recent ones. */
  get dropped(): number {
    return Math.max(0, this.count - CAPACITY);
  }

  /** The kept steps in the order they happened. */
  entries(): StoryEntry[] {
    const out: StoryEntry[] = [];
    const at = (i: number) =>
      out.push({ tick: this.ticks[i], step: this.steps[i] as Step, arg: this.args[i] });
    if (this.count <= CAPACITY) {
      for (let i = 0; i < this.count; i++) at(i);
      return out;
    }
    for (let i = 0; i < HEAD; i++) at(i);
    const first = (this.count - HEAD) % RING;
    for (let k = 0; k < RING; k++) at(HEAD + ((first + k) % RING));
    return out;
  }

  clone(): ProcessStory {
    const s = new ProcessStory();
    s.ticks.set(this.ticks);
    s.steps.set(this.steps);
    s.args.set(this.args);
    s.count = this.count;
    s.dispatched = this.dispatched;
    s.pendingStart = this.pendingStart;
    s.startedAt = this.startedAt;
    s.userAtStart = this.userAtStart;
    s.reapedChildren = this.reapedChildren;
    s.childStartup = this.childStartup;
    s.childUseful = this.childUseful;
    return s;
  }
}
