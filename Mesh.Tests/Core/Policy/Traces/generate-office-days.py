#!/usr/bin/env python3
"""Writes office-days.csv: three synthetic but realistic office days of an owner's usage on a 4-core, 16 GiB desktop.

Idle nights, a few early background jobs, a steep morning ramp 08:55-09:15, a lunch dip 12:00-13:00,
an afternoon plateau, an evening ramp down, gaussian noise and short random spikes. Deterministic (seeded).
Columns: time (local, ISO 8601, minutes), cpu (cores), mem (bytes).
"""
import datetime, math, random

rng = random.Random(20260302)
GIB = 1 << 30

def base(minute_of_day):
    h = minute_of_day / 60
    def ramp(t0, t1, a, b):
        return a + (b - a) * min(1, max(0, (h - t0) / (t1 - t0)))
    if h < 7.5:
        return 0.15, 2.0
    if h < 8 + 55 / 60:
        return 0.3, 2.5
    if h < 9.25:
        return ramp(8 + 55 / 60, 9.25, 0.3, 3.0), ramp(8 + 55 / 60, 9.25, 2.5, 6.0)
    if h < 12:
        return 3.0, 6.0
    if h < 13:
        return 1.0, 5.0
    if h < 17.5:
        return 2.6, 6.5
    if h < 18.5:
        return ramp(17.5, 18.5, 2.6, 0.3), ramp(17.5, 18.5, 6.5, 2.5)
    return 0.2, 2.2

start = datetime.datetime(2026, 3, 2)
with open("office-days.csv", "w") as out:
    out.write("time,cpu,mem\n")
    for m in range(3 * 24 * 60):
        t = start + datetime.timedelta(minutes=m)
        cpu, mem = base(m % 1440)
        cpu += rng.gauss(0, 0.08 + 0.05 * cpu)
        if rng.random() < 0.01:
            cpu += rng.uniform(0.5, 1.5)
        mem += rng.gauss(0, 0.1)
        cpu = min(4, max(0, cpu))
        mem = min(15.5, max(1, mem))
        out.write(f"{t.isoformat()},{cpu:.3f},{int(mem * GIB)}\n")
