// The built-in workload library, written in simtop's op language (see assembler.ts).
import type { ProgramSource } from "../config.js";
import { SHELL } from "./shell.js";

const MATRIX = `
.equ N, 256
.data
matrix: .space 524288          # 256 x 256 elements of 8 bytes
.text
`;

export const BUILTIN_PROGRAMS: readonly ProgramSource[] = [
  {
    name: "init",
    description: "pid 1: adopts orphans and reaps every child that exits",
    source: `
main:   reap                    # wait for any child; blocks even when there is none yet
        b main
`,
  },
  SHELL,
  {
    name: "auto-sh",
    description: "a scripted shell: every so often forks, the child execs a query, the shell waits",
    source: `
main:   rand 2000               # the user types a command: 1,000 to 2,999 ticks (from the seed)
        addi $t0, $v0, 1000
        sleep $t0
        fork
        beqz $v0, child
        wait                    # foreground job: the shell blocks until it ends
        b main
child:  exec query
`,
  },
  {
    name: "cpu-bound",
    description: "a tight ALU loop that never blocks",
    source: `
main:   li $t0, 0
loop:   addi $t0, $t0, 1
        xor $t1, $t1, $t0
        add $t2, $t2, $t1
        j loop
`,
  },
  {
    name: "io-bound",
    description:
      "a short burst of work, then a disk read of 1 to 4 blocks, forever: mostly blocked",
    source: `
main:   rand 40                 # a burst of 10 to 49 turns of the loop (from the seed)
        addi $t0, $v0, 10
work:   addi $t0, $t0, -1
        bnez $t0, work
        rand 4                  # then a read of 1 to 4 blocks
        addi $t1, $v0, 1
        io $t1                  # blocks until the disk interrupt
        j main
`,
  },
  {
    name: "forker",
    description: "forks a short-lived child, waits for it, repeats",
    source: `
main:   fork
        beqz $v0, child
        wait
        rand 400                # thinks 100 to 499 ticks (from the seed)
        addi $t0, $v0, 100
        sleep $t0
        j main
child:  li $t0, 500
spin:   addi $t0, $t0, -1
        bnez $t0, spin
        exit 0
`,
  },
  {
    name: "zombie-maker",
    description: "forks three children that exit at once and never waits: they stay zombies",
    source: `
main:   li $s0, 3
again:  fork
        beqz $v0, child
        addi $s0, $s0, -1
        bnez $s0, again
        sleep 30000             # never calls wait; init reaps them once we exit
        exit 0
child:  exit 7
`,
  },
  {
    name: "orphan-maker",
    description: "forks a child and exits first: init adopts the orphan",
    source: `
main:   fork
        beqz $v0, child
        sleep 500
        exit 0
child:  sleep 4000
        exit 0
`,
  },
  {
    name: "sigint-handler",
    description: "catches SIGINT (Ctrl+C) with a handler that counts, and keeps running",
    source: `
.data
caught: .word 0
.text
main:   signal SIGINT, onint
loop:   addi $t0, $t0, 1
        j loop
onint:  lw $t1, caught
        addi $t1, $t1, 1
        sw $t1, caught
        sigreturn
`,
  },
  {
    name: "sigint-ignorer",
    description: "ignores SIGINT and keeps running",
    source: `
main:   signal SIGINT, ignore
loop:   addi $t0, $t0, 1
        j loop
`,
  },
  {
    name: "sleeper",
    description: "sleeps in a loop, 500 to 1,499 ticks at a time (default signal dispositions)",
    source: `
main:   rand 1000
        addi $t0, $v0, 500
        sleep $t0
        j main
`,
  },
  {
    name: "heap-grower",
    description: "grows its heap a page at a time, touching each page, until memory runs out",
    source: `
main:   sbrk 4096
        blt $v0, $zero, full
        sw $t0, 0($v0)          # first touch maps a frame
        addi $t0, $t0, 1
        sleep 10
        j main
full:   sleep 100000
        j full
`,
  },
  {
    name: "cat",
    description: "copies what is typed on its terminal back to it, line by line, until Ctrl+D",
    source: `
.data
buf:    .space 320
.text
main:   la $s0, buf
loop:   read 0, $s0, 80         # blocks (blocked:tty) until a line is typed
        beqz $v0, done          # Ctrl+D: end of file
        blt $v0, $zero, done
        move $t0, $v0
        write 1, $s0, $t0
        j loop
done:   exit 0
`,
  },
  {
    name: "work",
    description:
      "a job that ends: N (its argument, default 5) rounds of 1,000 loop turns, then exit",
    source: `
main:   li $s0, 5
        li $t0, 2
        blt $a0, $t0, go        # no argument
        lw $t1, 4($a1)          # argv[1], one character per word
        li $s0, 0
digit:  lw $t2, 0($t1)
        beqz $t2, go
        addi $t2, $t2, -48
        li $t3, 10
        mul $s0, $s0, $t3
        add $s0, $s0, $t2
        addi $t1, $t1, 4
        j digit
go:     beqz $s0, done
round:  li $t0, 1000
spin:   addi $t0, $t0, -1
        bnez $t0, spin
        addi $s0, $s0, -1
        bnez $s0, round
done:   exit 0
`,
  },
  {
    name: "query",
    description: "a short-lived query: a little work, then exit",
    source: `
main:   li $t0, 1500
loop:   addi $t0, $t0, -1
        bnez $t0, loop
        exit 0
`,
  },
  {
    name: "query-launcher",
    description: "answers 20 queries by starting a new process for each (fork + exec + wait)",
    source: `
main:   li $s0, 20
loop:   fork
        beqz $v0, child
        wait
        addi $s0, $s0, -1
        bnez $s0, loop
        exit 0
child:  exec query
`,
  },
  {
    name: "server",
    description: "a long-lived server answering the same 20 queries in one process",
    source: `
main:   li $s0, 20
loop:   li $t0, 1500
work:   addi $t0, $t0, -1
        bnez $t0, work
        addi $s0, $s0, -1
        bnez $s0, loop
        exit 0
`,
  },
  {
    name: "row-scan",
    description: "scans a 256x256 matrix of 8-byte elements row by row (good locality)",
    source: `${MATRIX}
main:   la $s2, matrix
        li $t3, N
outer:  li $s0, 0               # row i
rows:   li $s1, 0               # column j
cols:   sll $t0, $s0, 8         # i*256
        add $t0, $t0, $s1       # + j
        sll $t0, $t0, 3         # * 8 bytes
        add $t0, $t0, $s2
        lw $t2, 0($t0)
        addi $t2, $t2, 1
        sw $t2, 0($t0)
        addi $s1, $s1, 1
        bne $s1, $t3, cols
        addi $s0, $s0, 1
        bne $s0, $t3, rows
        j outer
`,
  },
  {
    name: "col-scan",
    description: "scans the same matrix column by column (a stride of 2 KiB: poor locality)",
    source: `${MATRIX}
main:   la $s2, matrix
        li $t3, N
outer:  li $s0, 0               # column j
cols:   li $s1, 0               # row i
rows:   sll $t0, $s1, 8         # i*256
        add $t0, $t0, $s0       # + j
        sll $t0, $t0, 3         # * 8 bytes
        add $t0, $t0, $s2
        lw $t2, 0($t0)
        addi $t2, $t2, 1
        sw $t2, 0($t0)
        addi $s1, $s1, 1
        bne $s1, $t3, rows
        addi $s0, $s0, 1
        bne $s0, $t3, cols
        j outer
`,
  },
  {
    name: "random-access",
    description: "reads matrix elements at pseudo-random addresses (no locality)",
    source: `${MATRIX}
main:   la $s2, matrix
        rand 65536              # the generator's start comes from the seed
        move $s0, $v0
        li $s1, 1103515245
loop:   mul $s0, $s0, $s1
        addi $s0, $s0, 12345
        srl $t0, $s0, 8
        andi $t0, $t0, 65535    # element 0..65535
        sll $t0, $t0, 3
        add $t0, $t0, $s2
        lw $t2, 0($t0)
        j loop
`,
  },
  {
    name: "pointer-chase",
    description: "builds a linked list through the matrix with a 4 KiB stride, then follows it",
    source: `${MATRIX}
main:   la $s2, matrix
        li $t0, 0               # node offset
        li $t4, 520192          # last node: 127 * 4096
build:  addi $t1, $t0, 4096
        add $t2, $t0, $s2
        add $t3, $t1, $s2
        sw $t3, 0($t2)          # node.next = &matrix[offset + 4096]
        move $t0, $t1
        bne $t0, $t4, build
        add $t2, $t0, $s2
        sw $s2, 0($t2)          # the last node points back to the first
        move $t5, $s2
chase:  lw $t5, 0($t5)          # each load depends on the one before
        j chase
`,
  },
  {
    name: "seq-scan",
    description: "sums an array sequentially, word by word",
    source: `
.data
array:  .space 65536
.text
main:   la $s2, array
        li $t4, 65536
outer:  li $t0, 0
scan:   add $t1, $t0, $s2
        lw $t2, 0($t1)
        add $t3, $t3, $t2
        addi $t0, $t0, 4
        bne $t0, $t4, scan
        j outer
`,
  },
];
