#!/usr/bin/env python3
"""What the server spends while a command runs, by backend: beside benchmarks/thread_cpu.py (the client's side).

    benchmarks/server_cpu.py DBNAME [--port 55440] -- COMMAND ARGS...

Runs COMMAND and every 10 ms reads /proc for the postmaster's children (the postmaster's pid from the
socket's lock file /tmp/.s.PGSQL.PORT.lock: a server on this machine, readable by this user) whose
title names DBNAME, and prints each backend's CPU while the command ran with the titles it went
through (idle > SELECT > COPY ...): for a backup, pg_dump's COPY backend and the connection that holds
the snapshot and counts the rows. Other sessions on the same database are counted too: run it alone.
"""
import os, sys, time, subprocess
db = sys.argv[1]; cmd = sys.argv[sys.argv.index('--') + 1:]
port = sys.argv[sys.argv.index('--port') + 1] if '--port' in sys.argv[:sys.argv.index('--')] else '55440'
pm = int(open(f'/tmp/.s.PGSQL.{port}.lock').readline())
tick = os.sysconf('SC_CLK_TCK')
seen = {}
def scan(t):
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            st = open(f'/proc/{p}/stat').read()
            rest = st[st.rindex(')') + 2:].split()
            if int(rest[1]) != pm: continue
            title = open(f'/proc/{p}/cmdline').read().replace('\0', ' ').strip()
        except OSError:
            continue
        if db not in title and p not in seen: continue
        cpu = (int(rest[11]) + int(rest[12])) / tick
        e = seen.setdefault(p, {'first': t, 'titles': [], 'cpu0': cpu})
        e['last'] = t; e['cpu'] = cpu
        w = title.split()[-1] if title else ''
        if not e['titles'] or e['titles'][-1] != w: e['titles'].append(w)
t0 = time.time()
scan(0)
base = {p: e['cpu0'] for p, e in seen.items()}
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
while proc.poll() is None:
    scan(time.time() - t0); time.sleep(0.01)
scan(time.time() - t0)
print(f'wall {time.time() - t0:.3f}')
tot = 0
for p, e in sorted(seen.items(), key=lambda x: x[1]['first']):
    c = e['cpu'] - (base.get(p, 0))
    tot += c
    print(f'backend {p}: {c*1000:6.0f} ms CPU, seen {e["first"]:.2f}-{e["last"]:.2f} s: {" > ".join(e["titles"][:8])}')
print(f'server backends total {tot*1000:.0f} ms')
