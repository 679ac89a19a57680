"""Shared by dump_waits.py and thread_cpu.py: their command line (options, then -- and the command to
run) and the command's start, timed from just before its fork."""
import os
import sys
import time


def command_line(args, options):
    """Options given as {'--name': default} before '--'; returns (values by name, the command after '--')."""
    values = dict(options)
    while args and args[0] != '--':
        if args[0] not in values or len(args) < 2:
            sys.exit('unknown option ' + args[0])
        values[args[0]] = args[1]
        args = args[2:]
    return values, args[1:]


def start(cmd):
    """Forks and execs the command; returns its pid and the monotonic time just before the fork."""
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    return pid, t0
