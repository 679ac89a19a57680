#!/usr/bin/env python3
"""Runs a command and accounts its CPU by thread and by phase, from /proc (no agent in the process).

    benchmarks/thread_cpu.py [--phase-child TEXT] [--interval MS] -- COMMAND ARGS...

Every INTERVAL ms (default 5) it reads each thread's CPU time of the process it started
(/proc/PID/task/TID/schedstat, nanoseconds) and the process's children. The phases are cut where
the first child whose command line holds TEXT (default --snapshot=: pg_dump in a snapshot) appears and where it is gone: "before" (launch to the
child's start), "during" and "after" (to the process's exit). It prints, per thread name (numbered
threads of one pool summed: C1/C2 compiler threads, GC workers, the fork-join pool), the CPU in
each phase, then the children's CPU, and the total of the process tree from wait4 (exact; the
per-thread figures miss at most one interval of a thread that ended between two reads).
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sampled_run  # noqa: E402


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def thread_name(comm):
    # pools: "C2 CompilerThre" + number, "GC Thread#1", "ForkJoinPool.co" (truncated to 15 chars)
    comm = comm.strip()
    comm = re.sub(r'#?\d+$', '', comm)
    return comm


def main():
    opts, cmd = sampled_run.command_line(sys.argv[1:], {'--phase-child': '--snapshot=', '--interval': '5'})
    child_name = opts['--phase-child']
    interval = float(opts['--interval']) / 1000
    pid, t0 = sampled_run.start(cmd)
    threads = {}      # tid -> [name, cpu ns]
    children = {}     # pid -> [name, cpu ns, first seen, last seen]
    marks = {}        # phase boundary -> {tid: cpu}
    child_seen = child_gone = None
    dump_pid = None
    status = None
    while True:
        done, st, ru = os.wait4(pid, os.WNOHANG)
        if done:
            status, rusage = st, ru
            break
        now = time.monotonic() - t0
        live = os.listdir(f'/proc/{pid}/task') if os.path.isdir(f'/proc/{pid}/task') else []
        kids = []
        for tid in live:
            comm = read(f'/proc/{pid}/task/{tid}/comm')
            sched = read(f'/proc/{pid}/task/{tid}/schedstat')
            if comm is None or sched is None:
                continue
            threads[tid] = [thread_name(comm), int(sched.split()[0])]
            kids += (read(f'/proc/{pid}/task/{tid}/children') or '').split()
        running_child = False
        for k in kids:
            comm = read(f'/proc/{k}/comm')
            stat = read(f'/proc/{k}/stat')
            cmdline = read(f'/proc/{k}/cmdline')
            if comm is None or stat is None or cmdline is None:
                continue
            fields = stat[stat.rindex(')') + 2:].split()
            ticks = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])  # utime stime cutime cstime
            entry = children.setdefault(k, [comm.strip(), 0, now, now])
            entry[0] = ' '.join(cmdline.split('\0')[:2])[-60:]
            entry[1] = ticks * 1e9 / os.sysconf('SC_CLK_TCK')
            entry[3] = now
            if child_name in cmdline and k == (dump_pid := dump_pid or k):
                running_child = True
        if running_child and child_seen is None:
            child_seen = now
            marks['start'] = {t: v[1] for t, v in threads.items()}
        if not running_child and child_seen is not None and child_gone is None:
            child_gone = now
            marks['end'] = {t: v[1] for t, v in threads.items()}
        time.sleep(interval)
    wall = time.monotonic() - t0
    phases = {}
    for tid, (name, cpu) in threads.items():
        s = marks.get('start', {}).get(tid, cpu if 'start' not in marks else 0)
        e = marks.get('end', {}).get(tid, cpu if 'end' not in marks else s)
        if 'start' not in marks:
            s = e = cpu
        row = phases.setdefault(name, [0, 0, 0, 0])
        row[0] += s
        row[1] += max(e - s, 0)
        row[2] += max(cpu - max(e, s), 0)
        row[3] += 1
    print(f'wall {wall:.3f} s; {child_name} from {child_seen if child_seen is None else round(child_seen, 3)} '
          f'to {child_gone if child_gone is None else round(child_gone, 3)} s; exit {os.waitstatus_to_exitcode(status)}')
    print(f'{"thread":<28}{"n":>3}{"before":>9}{"during":>9}{"after":>9}{"total":>9}  (ms of CPU)')
    tot = [0, 0, 0]
    for name, row in sorted(phases.items(), key=lambda kv: -(kv[1][0] + kv[1][1] + kv[1][2])):
        total = row[0] + row[1] + row[2]
        if total < 1e6:
            continue
        for i in range(3):
            tot[i] += row[i]
        print(f'{name:<28}{row[3]:>3}{row[0] / 1e6:>9.0f}{row[1] / 1e6:>9.0f}{row[2] / 1e6:>9.0f}{total / 1e6:>9.0f}')
    print(f'{"all threads":<31}{tot[0] / 1e6:>9.0f}{tot[1] / 1e6:>9.0f}{tot[2] / 1e6:>9.0f}{sum(tot) / 1e6:>9.0f}')
    for k, (name, cpu, first, last) in children.items():
        print(f'child {name} ({k}): {cpu / 1e6:.0f} ms of CPU (incl. its children), seen {first:.3f}-{last:.3f} s')
    print(f'process tree (wait4): user {rusage.ru_utime:.3f} s, sys {rusage.ru_stime:.3f} s, '
          f'total {rusage.ru_utime + rusage.ru_stime:.3f} s; load {open("/proc/loadavg").read().split()[0]}')


if __name__ == '__main__':
    main()
