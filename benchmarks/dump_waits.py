#!/usr/bin/env python3
"""Why a pg_dump takes the wall time it takes: runs a command and samples the pg_dump it starts (the
first descendant whose command line holds TEXT, default --format / -Fc) and that pg_dump's server
backend, from /proc (no agent, nothing traced).

    benchmarks/dump_waits.py [--child TEXT] [--interval MS] -- COMMAND ARGS...

Every INTERVAL ms (default 2) it reads pg_dump's /proc/PID/schedstat (time on a CPU, time runnable
but waiting for one) and, when it sleeps, what it sleeps in (/proc/PID/wchan: a full pipe is
pipe_write, the server's data a socket wait); the same for the backend serving pg_dump's connection
(found by the client's TCP port in its process title). It prints to stderr, for each: the wall from pg_dump's
first sample to its last, CPU, waiting for a CPU, and the sleeps by kernel function, in ms. pg_dump's
run is then CPU + run queue + sleeps; the sleeps say whether it waited for the server, for the reader
of its pipe, or for nothing.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sampled_run  # noqa: E402

OUT = sys.stderr  # the command's own output may be sent elsewhere


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for tid in os.listdir(f'/proc/{p}/task') if os.path.isdir(f'/proc/{p}/task') else []:
            for k in (read(f'/proc/{p}/task/{tid}/children') or '').split():
                out.append(int(k))
                todo.append(int(k))
    return out


def socket_ports(pid):
    """The local TCP ports of pid's sockets."""
    inodes = set()
    try:
        for fd in os.listdir(f'/proc/{pid}/fd'):
            try:
                link = os.readlink(f'/proc/{pid}/fd/{fd}')
            except OSError:
                continue
            if link.startswith('socket:['):
                inodes.add(link[8:-1])
    except OSError:
        return set()
    ports = set()
    for table in ('tcp', 'tcp6'):
        for line in (read(f'/proc/{pid}/net/{table}') or '').splitlines()[1:]:
            f = line.split()
            if f[9] in inodes:
                ports.add(int(f[1].split(':')[1], 16))
    return ports


def backend_of(ports):
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        title = (read(f'/proc/{p}/cmdline') or '').replace('\0', ' ')
        if title.startswith('postgres: ') and any(f'({port})' in title for port in ports):
            return int(p)
    return None


class Watch:
    def __init__(self, pid):
        self.pid = pid
        self.first = self.last = None
        self.run0 = self.wait0 = None
        self.run = self.wait = 0
        self.sleeps = {}

    def sample(self, now, dt):
        s = read(f'/proc/{self.pid}/schedstat')
        stat = read(f'/proc/{self.pid}/stat')
        if s is None or stat is None:
            return False
        state = stat[stat.rindex(')') + 2]
        if state == 'Z':
            return False
        run, wait = int(s.split()[0]), int(s.split()[1])
        if self.first is None:
            self.first, self.run0, self.wait0 = now, run, wait
        self.last = now
        self.run, self.wait = run - self.run0, wait - self.wait0
        if state in 'SD':
            w = (read(f'/proc/{self.pid}/wchan') or '?').strip() or '?'
            self.sleeps[w] = self.sleeps.get(w, 0) + dt
        return True

    def report(self, name):
        if self.first is None:
            print(f'{name}: not seen', file=OUT)
            return
        wall = (self.last - self.first) * 1000
        sleeps = ', '.join(f'{k} {v * 1000:.0f}' for k, v in sorted(self.sleeps.items(), key=lambda kv: -kv[1]))
        print(f'{name}: seen {self.first:.3f}-{self.last:.3f} s, wall {wall:.0f} ms: cpu {self.run / 1e6:.0f}, '
              f'run queue {self.wait / 1e6:.0f}, asleep {sum(self.sleeps.values()) * 1000:.0f} ({sleeps})', file=OUT)


def main():
    opts, cmd = sampled_run.command_line(sys.argv[1:], {'--child': None, '--interval': '2'})
    texts = [opts['--child']] if opts['--child'] else ['--format', '-Fc']
    interval = float(opts['--interval']) / 1000
    pid, t0 = sampled_run.start(cmd)
    dump = backend = None
    dump_pid = None
    prev = 0.0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic() - t0
        dt = now - prev
        prev = now
        if dump_pid is None:
            for k in [pid] + descendants(pid):
                cl = read(f'/proc/{k}/cmdline') or ''
                exe = cl.split('\0')[0]
                if exe.endswith('pg_dump') and any(t in cl for t in texts):
                    dump_pid = k
                    dump = Watch(k)
                    break
        if dump is not None:
            alive = dump.sample(now, dt)
            if alive and backend is None:
                b = backend_of(socket_ports(dump_pid))
                if b:
                    backend = Watch(b)
            if backend is not None:
                backend.sample(now, dt)
        time.sleep(interval)
    wall = time.monotonic() - t0
    print(f'wall {wall:.3f} s, exit {os.waitstatus_to_exitcode(status)}, load {open("/proc/loadavg").read().split()[0]}', file=OUT)
    (dump or Watch(0)).report('pg_dump')
    (backend or Watch(0)).report('backend')


if __name__ == '__main__':
    main()
