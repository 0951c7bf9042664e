// The shell: reads its terminal and runs what is typed, with job control, in simtop's op language.
import type { ProgramSource } from "../config.js";

/*
 * What a real shell does, one system call at a time: each command is fork, setpgid (a group of
 * its own), exec, and for a foreground job tcsetpgrp and waitpid with WUNTRACED; the shell takes
 * the terminal back when the job ends or stops. Strings are one character per word (the machine
 * loads and stores words). Routines called with `jal` keep $s0-$s7 and save $ra on the stack.
 * A line it reports ("[1] 30", "[1]+  Stopped  name") is composed in \`out\` and written in one
 * write, as bash does, so the echo of what is typed meanwhile lands between lines, not inside one.
 */
const SOURCE = `
.equ LINE, 200                  # longest line read
.equ MAXJOBS, 8
.equ JOBSZ, 168                 # a job: pid (= its group), state, then 40 characters of command
.equ CMDMAX, 39
.equ OUTMAX, 256                # longest line composed: "sh: " a LINE-long name ": command not found"
.equ RUNNING, 1
.equ STOPPED, 2
.equ WNOHANG, 1
.equ WUNTRACED, 2
.data
line:     .space 804
argv:     .space 68             # 16 word addresses and a 0
jobs:     .space 1344           # MAXJOBS x JOBSZ
numbuf:   .space 48
out:      .space 1024           # the line being composed (OUTMAX characters)
outn:     .word 0               # its length
exitbuf:  .space 64             # "Exit n"
current:  .word 0               # the current job ("+"), 0 for none
prompt:   .asciiz "$ "
nl:       .asciiz "\\n"
spaces:   .asciiz "                        "
s_running: .asciiz "Running"
s_stopped: .asciiz "Stopped"
s_done:   .asciiz "Done"
s_exit:   .asciiz "Exit "
s_lb:     .asciiz "["
s_rb:     .asciiz "] "
s_cur:    .asciiz "]+  "
s_other:  .asciiz "]   "
s_bgcur:  .asciiz "]+ "
s_bgtail: .asciiz " &\\n"
s_sh:     .asciiz "sh: "
s_hup:    .asciiz "Hangup"
s_int:    .asciiz "Interrupt"
s_quit:   .asciiz "Quit (core dumped)"
s_kill:   .asciiz "Killed"
s_segv:   .asciiz "Segmentation fault (core dumped)"
s_term:   .asciiz "Terminated"
s_signal: .asciiz "Signal "
s_nocmd:  .asciiz ": command not found\\n"
s_nojob:  .asciiz "sh: no such job\\n"
s_usage:  .asciiz "sh: kill: usage: kill [-SIG] pid|%n\\n"
s_nokill: .asciiz "sh: kill: no such process\\n"
s_full:   .asciiz "sh: too many jobs\\n"
s_bye:    .asciiz "exit\\n"
c_exit:   .asciiz "exit"
c_jobs:   .asciiz "jobs"
c_fg:     .asciiz "fg"
c_bg:     .asciiz "bg"
c_kill:   .asciiz "kill"
c_wait:   .asciiz "wait"
n_hup:    .asciiz "HUP"
n_int:    .asciiz "INT"
n_quit:   .asciiz "QUIT"
n_kill:   .asciiz "KILL"
n_term:   .asciiz "TERM"
n_cont:   .asciiz "CONT"
n_stop:   .asciiz "STOP"
n_tstp:   .asciiz "TSTP"
.text
main:   signal SIGINT, onint    # Ctrl+C at the prompt: a fresh prompt, the shell goes on
        signal SIGQUIT, ignore
        signal SIGTSTP, ignore  # the shell itself is never stopped from its terminal
        signal SIGTTIN, ignore
        signal SIGTTOU, ignore  # it calls tcsetpgrp while a job holds the terminal
        tcgetpgrp 0             # no terminal (not logged in on one): nothing to read
        blt $v0, $zero, noterm
        getpid
        move $s6, $v0           # the shell's own group
loop:   jal notify              # report background jobs that ended or stopped
        la $a0, prompt
        jal puts
        la $t0, line
        read 0, $t0, LINE
        beqz $v0, eof           # Ctrl+D at the start of a line
        blt $v0, $zero, loop    # interrupted (Ctrl+C): a new prompt
        sll $t1, $v0, 2         # end the string at the newline (or after the last character)
        la $t0, line
        add $t1, $t1, $t0
        lw $t2, -4($t1)
        li $t3, 10
        bne $t2, $t3, term
        addi $t1, $t1, -4
term:   sw $zero, 0($t1)
        jal parse
        beqz $s0, loop
        la $t0, argv
        lw $s3, 0($t0)          # the command's name
        move $a0, $s3
        la $a1, c_exit
        jal streq
        bnez $v0, quit
        move $a0, $s3
        la $a1, c_jobs
        jal streq
        bnez $v0, do_jobs
        move $a0, $s3
        la $a1, c_fg
        jal streq
        bnez $v0, do_fg
        move $a0, $s3
        la $a1, c_bg
        jal streq
        bnez $v0, do_bg
        move $a0, $s3
        la $a1, c_kill
        jal streq
        bnez $v0, do_kill
        move $a0, $s3
        la $a1, c_wait
        jal streq
        bnez $v0, do_wait
        j launch

onint:  sigreturn

noterm: exit 1

# ---- running a program: fork, setpgid, exec; the foreground one gets the terminal ----
launch: jal jobslot              # a free entry in the job table first, or nothing is started
        beqz $v0, full
        fork
        blt $v0, $zero, loop
        beqz $v0, child
        move $s2, $v0
        setpgid $s2, $s2        # the parent too, so the group exists whichever runs first
        li $a0, RUNNING
        move $a1, $s2
        jal jobnew
        move $s4, $v0           # the job's number
        bnez $s1, bgjob
        move $a0, $s4
        jal fgwait
        j loop
bgjob:  sw $s4, current
        la $a0, s_lb            # "[n] pid"
        jal bput
        move $a0, $s4
        jal bnum
        la $a0, s_rb
        jal bput
        move $a0, $s2
        jal bnum
        la $a0, nl
        jal bput
        jal bflush
        j loop
child:  setpgid 0, 0
        bnez $s1, reset
        getpid
        move $t0, $v0
        tcsetpgrp 0, $t0        # a foreground job takes the terminal before it runs
reset:  signal SIGINT, default  # the job gets the keys' signals the shell ignores
        signal SIGQUIT, default
        signal SIGTSTP, default
        signal SIGTTIN, default
        signal SIGTTOU, default
        la $t1, argv
        execvp $s3, $t1
        la $a0, s_sh            # exec failed: no such program
        jal bput
        move $a0, $s3
        jal bput
        la $a0, s_nocmd
        jal bput
        jal bflush
        exit 127

# ---- builtins ----
do_jobs: li $s4, 1
jl:     move $a0, $s4
        jal jobaddr
        lw $t1, 4($v0)
        beqz $t1, jn
        la $a1, s_running
        li $t2, STOPPED
        bne $t1, $t2, jp
        la $a1, s_stopped
jp:     move $a0, $s4
        jal jobprint
jn:     addi $s4, $s4, 1
        li $t0, MAXJOBS
        bge $t0, $s4, jl
        j loop

do_fg:  jal jobarg
        beqz $v0, nojob
        move $s4, $v0
        move $a0, $s4
        jal jobaddr
        move $s2, $v0
        addi $a0, $s2, 8        # bash prints the command it resumes
        jal bput
        la $a0, nl
        jal bput
        jal bflush
        lw $t0, 0($s2)
        li $t1, RUNNING
        sw $t1, 4($s2)
        tcsetpgrp 0, $t0
        lw $t0, 0($s2)
        sub $t0, $zero, $t0
        kill $t0, SIGCONT       # the whole group goes on, in the foreground
        move $a0, $s4
        jal fgwait
        j loop

do_bg:  jal jobarg
        beqz $v0, nojob
        move $s4, $v0
        sw $s4, current
        move $a0, $s4
        jal jobaddr
        move $s2, $v0
        li $t1, RUNNING
        sw $t1, 4($s2)
        lw $t0, 0($s2)
        sub $t0, $zero, $t0
        kill $t0, SIGCONT       # the group goes on, in the background
        la $a0, s_lb            # "[n]+ command &"
        jal bput
        move $a0, $s4
        jal bnum
        la $a0, s_bgcur
        jal bput
        addi $a0, $s2, 8
        jal bput
        la $a0, s_bgtail
        jal bput
        jal bflush
        j loop

full:   la $a0, s_full
        jal puts
        j loop

nojob:  la $a0, s_nojob
        jal puts
        j loop

do_kill: li $s4, 15             # kill [-SIG] pid|%n (SIGTERM by default, as kill(1))
        li $s5, 1               # the argument being read
        li $t0, 2
        blt $s0, $t0, usage
        la $t0, argv
        lw $s3, 4($t0)
        lw $t1, 0($s3)
        li $t2, 45              # "-"
        bne $t1, $t2, ktarget
        addi $a0, $s3, 4
        jal signum
        blt $v0, $zero, usage
        move $s4, $v0
        li $s5, 2
        li $t0, 3
        blt $s0, $t0, usage
ktarget: sll $t0, $s5, 2
        la $t1, argv
        add $t1, $t1, $t0
        lw $s3, 0($t1)
        lw $t1, 0($s3)
        li $t2, 37              # "%": a job, so its whole group
        bne $t1, $t2, kpid
        addi $a0, $s3, 4
        jal atoi
        move $a0, $v0
        jal jobvalid
        beqz $v0, nojob
        jal jobaddr
        lw $t0, 0($v0)
        sub $t0, $zero, $t0
        j ksend
kpid:   move $a0, $s3
        jal atoi
        blt $v0, $zero, usage
        move $t0, $v0
ksend:  kill $t0, $s4
        bge $v0, $zero, loop
        la $a0, s_nokill
        jal puts
        j loop
usage:  la $a0, s_usage
        jal puts
        j loop

do_wait: waitpid -1, 0           # every background job, reported as it ends
        blt $v0, $zero, loop
        move $a0, $v0
        move $a1, $v1
        jal finished
        j do_wait

eof:    la $a0, s_bye
        jal puts
quit:   li $s4, 1               # the jobs hang up with the shell: SIGHUP, and SIGCONT if stopped
hl:     move $a0, $s4
        jal jobaddr
        lw $t1, 4($v0)
        beqz $t1, hn
        lw $t0, 0($v0)
        sub $s2, $zero, $t0
        kill $s2, SIGHUP
        kill $s2, SIGCONT
hn:     addi $s4, $s4, 1
        li $t0, MAXJOBS
        bge $t0, $s4, hl
        exit 0

# ---- routines ----

# parse: splits line into words: argv, $s0 = their count; a last word "&" sets $s1 (background).
parse:  la $t0, line
        la $t1, argv
        li $s0, 0
        li $s1, 0
        li $t4, 32
        li $t5, 16
pskip:  lw $t2, 0($t0)
        beqz $t2, pend
        beq $t2, $t4, pnext
        li $t3, 9
        beq $t2, $t3, pnext
        beq $s0, $t5, pend      # at most 16 words
        sw $t0, 0($t1)          # a word starts here
        addi $t1, $t1, 4
        addi $s0, $s0, 1
pword:  lw $t2, 0($t0)
        beqz $t2, pend
        beq $t2, $t4, pcut
        li $t3, 9
        beq $t2, $t3, pcut
        addi $t0, $t0, 4
        j pword
pcut:   sw $zero, 0($t0)
pnext:  addi $t0, $t0, 4
        j pskip
pend:   sw $zero, 0($t1)
        beqz $s0, pret
        lw $t2, -4($t1)         # the last word "&"?
        lw $t3, 0($t2)
        li $t4, 38
        bne $t3, $t4, pret
        lw $t3, 4($t2)
        bnez $t3, pret
        li $s1, 1
        addi $s0, $s0, -1
        sw $zero, -4($t1)
pret:   jr $ra

# fgwait(job): the job in the foreground until it ends or stops; the shell takes the terminal back.
fgwait: addi $sp, $sp, -8
        sw $ra, 0($sp)
        sw $s2, 4($sp)
        jal jobaddr
        move $s2, $v0
        lw $t0, 0($s2)
        tcsetpgrp 0, $t0
        lw $t0, 0($s2)
        waitpid $t0, WUNTRACED
        move $t8, $v0
        move $t9, $v1
        tcsetpgrp 0, $s6
        blt $t8, $zero, fgret
        li $t0, 256
        blt $t9, $t0, fgend
        li $t1, STOPPED         # stopped (Ctrl+Z): it stays a job, the current one
        sw $t1, 4($s2)
        move $a0, $t8
        jal jobof
        sw $v0, current
        move $a0, $v0
        la $a1, s_stopped
        jal jobprint
        j fgret
fgend:  move $a0, $t8
        jal jobof
        move $a0, $v0
        jal jobfree
        li $t0, 128             # a foreground job that dies of a signal: its name, as bash prints it
        bge $t0, $t9, fgret
        li $t0, 130             # but nothing for Ctrl+C: the terminal echoed ^C
        beq $t9, $t0, fgret
        addi $a0, $t9, -128
        jal signame
        move $a0, $v0
        jal bput
        la $a0, nl
        jal bput
        jal bflush
fgret:  lw $ra, 0($sp)
        lw $s2, 4($sp)
        addi $sp, $sp, 8
        jr $ra

# notify: background jobs that ended or stopped since the last prompt (waitpid -1 WNOHANG|WUNTRACED).
notify: addi $sp, $sp, -4
        sw $ra, 0($sp)
nl_:    waitpid -1, 3
        bge $zero, $v0, nret
        move $a0, $v0
        move $a1, $v1
        jal finished
        j nl_
nret:   lw $ra, 0($sp)
        addi $sp, $sp, 4
        jr $ra

# finished(pid, status): reports a job's change of state: Stopped, Done, Exit n or the signal.
finished: addi $sp, $sp, -12
        sw $ra, 0($sp)
        sw $s2, 4($sp)
        sw $s3, 8($sp)
        move $s3, $a1
        jal jobof
        beqz $v0, fret          # not a job of ours
        move $s2, $v0
        li $t0, 256
        blt $s3, $t0, fdone
        sw $s2, current
        move $a0, $s2
        jal jobaddr
        li $t1, STOPPED
        sw $t1, 4($v0)
        move $a0, $s2
        la $a1, s_stopped
        jal jobprint
        j fret
fdone:  la $a1, s_done
        beqz $s3, fprint
        li $t0, 128
        blt $t0, $s3, fsig
        la $t0, s_exit          # "Exit n", built in exitbuf
        la $t1, exitbuf
fcopy:  lw $t2, 0($t0)
        beqz $t2, fnum
        sw $t2, 0($t1)
        addi $t0, $t0, 4
        addi $t1, $t1, 4
        j fcopy
fnum:   move $a0, $s3
        move $a1, $t1
        jal itoa
        la $a1, exitbuf
        j fprint
fsig:   addi $a0, $s3, -128
        jal signame
        move $a1, $v0
fprint: move $a0, $s2
        jal jobprint
        move $a0, $s2
        jal jobfree
fret:   lw $ra, 0($sp)
        lw $s2, 4($sp)
        lw $s3, 8($sp)
        addi $sp, $sp, 12
        jr $ra

# signame(sig): bash's words for a signal that ended a job.
signame: la $v0, s_hup
        li $t0, 1
        beq $a0, $t0, sret
        la $v0, s_int
        li $t0, 2
        beq $a0, $t0, sret
        la $v0, s_quit
        li $t0, 3
        beq $a0, $t0, sret
        la $v0, s_kill
        li $t0, 9
        beq $a0, $t0, sret
        la $v0, s_segv
        li $t0, 11
        beq $a0, $t0, sret
        la $v0, s_term
        li $t0, 15
        beq $a0, $t0, sret
        la $v0, s_signal
sret:   jr $ra

# signum(text): a signal given as a number or a name without SIG; -1 if neither.
signum: addi $sp, $sp, -8
        sw $ra, 0($sp)
        sw $s2, 4($sp)
        move $s2, $a0
        jal atoi
        bge $v0, $zero, snret
        move $a0, $s2
        la $a1, n_hup
        jal streq
        li $t9, 1
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_int
        jal streq
        li $t9, 2
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_quit
        jal streq
        li $t9, 3
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_kill
        jal streq
        li $t9, 9
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_term
        jal streq
        li $t9, 15
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_cont
        jal streq
        li $t9, 18
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_stop
        jal streq
        li $t9, 19
        bnez $v0, snfound
        move $a0, $s2
        la $a1, n_tstp
        jal streq
        li $t9, 20
        bnez $v0, snfound
        li $v0, -1
        j snret
snfound: move $v0, $t9
snret:  lw $ra, 0($sp)
        lw $s2, 4($sp)
        addi $sp, $sp, 8
        jr $ra

# jobarg: the job named by "%n" in argv[1], or the current job; 0 if there is none.
jobarg: addi $sp, $sp, -4
        sw $ra, 0($sp)
        lw $a0, current
        li $t0, 2
        blt $s0, $t0, jaok
        la $t0, argv
        lw $t1, 4($t0)
        lw $t2, 0($t1)
        li $t3, 37              # "%"
        li $a0, 0
        bne $t2, $t3, jaok
        addi $a0, $t1, 4
        jal atoi
        move $a0, $v0
jaok:   jal jobvalid
        lw $ra, 0($sp)
        addi $sp, $sp, 4
        jr $ra

# jobvalid(n): n if job n exists, else 0 (leaves n in $a0).
jobvalid: li $v0, 0
        bge $zero, $a0, jvret
        li $t0, MAXJOBS
        blt $t0, $a0, jvret
        addi $t0, $a0, -1
        li $t1, JOBSZ
        mul $t0, $t0, $t1
        la $t1, jobs
        add $t0, $t0, $t1
        lw $t1, 4($t0)
        beqz $t1, jvret
        move $v0, $a0
jvret:  jr $ra

# jobaddr(n): the address of job n's entry.
jobaddr: addi $t0, $a0, -1
        li $t1, JOBSZ
        mul $t0, $t0, $t1
        la $v0, jobs
        add $v0, $v0, $t0
        jr $ra

# jobof(pid): the number of the job whose group is pid, or 0.
jobof:  li $v0, 1
        la $t0, jobs
joloop: lw $t1, 4($t0)
        beqz $t1, jonext
        lw $t1, 0($t0)
        beq $t1, $a0, joret
jonext: addi $v0, $v0, 1
        addi $t0, $t0, JOBSZ
        li $t1, MAXJOBS
        bge $t1, $v0, joloop
        li $v0, 0
joret:  jr $ra

# jobfree(n): forgets job n (none when n is 0); the current job is forgotten with it.
jobfree: beqz $a0, jfret
        addi $t0, $a0, -1
        li $t1, JOBSZ
        mul $t0, $t0, $t1
        la $t1, jobs
        add $t0, $t0, $t1
        sw $zero, 4($t0)
        lw $t1, current
        bne $t1, $a0, jfret
        sw $zero, current
jfret:  jr $ra

# jobslot: the number of a free entry of the job table ($t0 its address), 0 if it is full.
jobslot: li $v0, 1
        la $t0, jobs
jsfind: lw $t1, 4($t0)
        beqz $t1, jsret
        addi $v0, $v0, 1
        addi $t0, $t0, JOBSZ
        li $t1, MAXJOBS
        bge $t1, $v0, jsfind
        li $v0, 0
jsret:  jr $ra

# jobnew(state, pid): a job for the words in argv (joined by spaces); $v0 = its number.
# (launch made sure there is a free entry.)
jobnew: move $t9, $ra
        jal jobslot
        move $ra, $t9
jnfill: sw $a1, 0($t0)
        sw $a0, 4($t0)
        addi $t1, $t0, 8        # where the command goes
        li $t2, CMDMAX
        la $t3, argv
jnword: lw $t4, 0($t3)
        beqz $t4, jnend
        la $t5, argv
        beq $t3, $t5, jnchar
        li $t6, 32
        beqz $t2, jnend
        sw $t6, 0($t1)
        addi $t1, $t1, 4
        addi $t2, $t2, -1
jnchar: lw $t6, 0($t4)
        beqz $t6, jnnext
        beqz $t2, jnend
        sw $t6, 0($t1)
        addi $t1, $t1, 4
        addi $t2, $t2, -1
        addi $t4, $t4, 4
        j jnchar
jnnext: addi $t3, $t3, 4
        j jnword
jnend:  sw $zero, 0($t1)
        jr $ra

# jobprint(n, status): "[n]+  Status                  command", as bash lays it out (" &" after
# a Running job's command).
jobprint: addi $sp, $sp, -12
        sw $ra, 0($sp)
        sw $s2, 4($sp)
        sw $s3, 8($sp)
        move $s2, $a0
        move $s3, $a1
        la $a0, s_lb
        jal bput
        move $a0, $s2
        jal bnum
        la $a0, s_cur           # "+" for the current job, " " for the others
        lw $t1, current
        beq $t1, $s2, jpmark
        la $a0, s_other
jpmark: jal bput
        move $a0, $s3
        jal bput
        move $a0, $s3
        jal strlen
        li $t0, 24
        sub $a1, $t0, $v0
        bge $zero, $a1, jpcmd
        la $a0, spaces
        jal bputn
jpcmd:  move $a0, $s2
        jal jobaddr
        addi $a0, $v0, 8
        jal bput
        la $a0, nl
        la $t0, s_running       # bash marks a running job's command with " &"
        bne $s3, $t0, jpend
        la $a0, s_bgtail
jpend:  jal bput
        jal bflush
        lw $ra, 0($sp)
        lw $s2, 4($sp)
        lw $s3, 8($sp)
        addi $sp, $sp, 12
        jr $ra

# strlen(s): characters before the 0.
strlen: li $v0, 0
        move $t0, $a0
slloop: lw $t1, 0($t0)
        beqz $t1, slret
        addi $v0, $v0, 1
        addi $t0, $t0, 4
        j slloop
slret:  jr $ra

# puts(s): writes the string to the terminal.
puts:   move $t0, $a0
        li $t2, 0
ploop:  lw $t1, 0($t0)
        beqz $t1, pwrite
        addi $t2, $t2, 1
        addi $t0, $t0, 4
        j ploop
pwrite: move $t0, $a0
        write 1, $t0, $t2
        jr $ra

# streq(a, b): 1 if the strings are equal.
streq:  lw $t0, 0($a0)
        lw $t1, 0($a1)
        bne $t0, $t1, sene
        beqz $t0, seeq
        addi $a0, $a0, 4
        addi $a1, $a1, 4
        j streq
seeq:   li $v0, 1
        jr $ra
sene:   li $v0, 0
        jr $ra

# atoi(s): the decimal number it spells, -1 if it is not one.
atoi:   li $v0, 0
        lw $t0, 0($a0)
        beqz $t0, anot
aloop:  lw $t0, 0($a0)
        beqz $t0, aret
        li $t1, 48
        blt $t0, $t1, anot
        li $t1, 57
        blt $t1, $t0, anot
        li $t1, 10
        mul $v0, $v0, $t1
        add $v0, $v0, $t0
        addi $v0, $v0, -48
        addi $a0, $a0, 4
        j aloop
anot:   li $v0, -1
aret:   jr $ra

# itoa(n, buf): n >= 0 in decimal into buf, then a 0.
itoa:   move $t2, $a0
        li $t1, 10
        li $t3, 1               # how many digits
icount: blt $t2, $t1, iwrite
        div $t2, $t2, $t1
        addi $t3, $t3, 1
        j icount
iwrite: sll $t3, $t3, 2
        add $t0, $a1, $t3
        sw $zero, 0($t0)
idig:   addi $t0, $t0, -4       # last digit first
        rem $t2, $a0, $t1
        addi $t2, $t2, 48
        sw $t2, 0($t0)
        div $a0, $a0, $t1
        bne $t0, $a1, idig
        jr $ra

# bput(s): appends the string to the line being composed.
bput:   li $a1, OUTMAX
# bputn(s, n): appends at most n characters of s; the line keeps at most OUTMAX.
bputn:  lw $t2, outn
        sll $t0, $t2, 2
        la $t1, out
        add $t1, $t1, $t0
        li $t3, OUTMAX
bploop: beqz $a1, bpend
        bge $t2, $t3, bpend
        lw $t0, 0($a0)
        beqz $t0, bpend
        sw $t0, 0($t1)
        addi $t1, $t1, 4
        addi $t2, $t2, 1
        addi $a0, $a0, 4
        addi $a1, $a1, -1
        j bploop
bpend:  sw $t2, outn
        jr $ra

# bnum(n): appends n >= 0 in decimal.
bnum:   addi $sp, $sp, -4
        sw $ra, 0($sp)
        la $a1, numbuf
        jal itoa
        la $a0, numbuf
        jal bput
        lw $ra, 0($sp)
        addi $sp, $sp, 4
        jr $ra

# bflush: the composed line to the terminal in one write; the next line starts empty.
bflush: lw $t2, outn
        la $t0, out
        write 1, $t0, $t2
        sw $zero, outn
        jr $ra
`;

export const SHELL: ProgramSource = {
  name: "sh",
  description:
    "a shell on the terminal: runs what is typed, & for the background, jobs, fg, bg, kill, wait, exit",
  source: SOURCE,
};
