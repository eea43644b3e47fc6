#!/usr/bin/env python3
"""Medians of bench/openstorm/run.sh's raw results (target/results.tsv), as a markdown table, and
the issue 3 targets. Every configuration is compared with the no-probe run made just before it."""
import statistics
import sys
from collections import defaultdict

HZ = 100
ORDER = ["a_none", "b_cconsumer", "c_bpftrace", "d_audit", "e_java", "f_java_raw"]
NAMES = {
    "a_none": "(a) no probe",
    "b_cconsumer": "(b) C libbpf consumer (the limit)",
    "c_bpftrace": "(c) bpftrace printf",
    "d_audit": "(d) auditd, openat rule",
    "e_java": "(e) Java: OpenProbe -> EventPublisher",
    "f_java_raw": "(f) diagnostic: Java ProbeRunner, records counted, not decoded",
}


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


if len(sys.argv) > 2:
    HZ = int(sys.argv[2])
per = defaultdict(list)
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    (rep, mode, ops, nsop, storm_ns, at_end, delivered, drops, cpu, note,
     cpuop, ticks, base_nsop, base_cpuop) = line.rstrip("\n").split("\t")
    ops = num(ops)
    if not ops:
        per[mode].append({"note": note})
        continue
    d = {"rep": rep, "nsop": num(nsop), "cpuop": num(cpuop), "note": note}
    if mode != "a_none":
        secs = num(storm_ns) / 1e9
        # b, e, f: storm events the consumer had received when the storm ended (real time);
        # c, d: storm events found in the output after a 0.7 s drain
        counted = num(at_end) if num(at_end) is not None else num(delivered)
        d.update(added=num(nsop) - num(base_nsop), added_cpu=num(cpuop) - num(base_cpuop), evs=counted / secs,
                 delivered_pct=100 * num(delivered) / ops, drops=num(drops), cpu=num(cpu),
                 cpu_per_event=(num(ticks) / HZ * 1e9 / num(delivered)) if num(delivered) else None)
    per[mode].append(d)


def med(mode, key):
    vals = [d[key] for d in per[mode] if d.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt(v, f="{:,.0f}"):
    return "-" if v is None else f.format(v)


print()
print("| configuration | wall ns per openat+close | wall ns added vs (a) | storm CPU ns per op | **kernel cost: CPU ns "
      "added per openat** | events/s delivered | delivered | drops (all reps) | consumer CPU % | consumer CPU ns per event |")
print("|---|---|---|---|---|---|---|---|---|---|")
for mode in ORDER:
    if mode not in per:
        continue
    if "nsop" not in per[mode][0]:
        print(f"| {NAMES[mode]} | not run: {per[mode][0]['note']} |||||||||")
        continue
    if mode == "a_none":
        print(f"| {NAMES[mode]} | {fmt(med(mode, 'nsop'))} | - | {fmt(med(mode, 'cpuop'))} | - | - | - | - | - | - |")
        continue
    drops = sum(d["drops"] for d in per[mode])
    print(f"| {NAMES[mode]} | {fmt(med(mode, 'nsop'))} | {fmt(med(mode, 'added'), '{:+,.0f}')} | "
          f"{fmt(med(mode, 'cpuop'))} | **{fmt(med(mode, 'added_cpu'), '{:+,.0f}')}** | {fmt(med(mode, 'evs'))} | "
          f"{fmt(med(mode, 'delivered_pct'), '{:.2f} %')} | {drops:,.0f} | {fmt(med(mode, 'cpu'), '{:.1f}')} | "
          f"{fmt(med(mode, 'cpu_per_event'))} |")
print()
reps = len(per.get("e_java", per.get("b_cconsumer", [])))
print(f"medians of {reps} repetitions; per repetition (wall / storm CPU ns per op, added vs the paired (a)):")
for mode in ORDER[1:]:
    for d in per.get(mode, []):
        if "nsop" in d:
            print(f"  {mode:12} rep {d['rep']}: {d['nsop']:8,.0f} / {d['cpuop']:6,.0f} ns/op  added {d['added']:+8,.0f} / "
                  f"{d['added_cpu']:+7,.0f} ns  {d['evs']:10,.0f} ev/s  drops {d['drops']:,.0f}  cpu {d['cpu']:.1f} %  "
                  f"({d['note']})")

if per.get("e_java") and per.get("b_cconsumer") and "nsop" in per["e_java"][0]:
    j_evs, c_evs = med("e_java", "evs"), med("b_cconsumer", "evs")
    j_add, c_add = med("e_java", "added_cpu"), med("b_cconsumer", "added_cpu")
    j_wall, c_wall = med("e_java", "added"), med("b_cconsumer", "added")
    j_drops = sum(d["drops"] for d in per["e_java"])
    t1 = j_evs >= 400_000 and j_drops == 0
    t2 = j_evs / c_evs >= 0.9
    t3 = j_add / c_add <= 1.2
    print()
    print("targets (issue 3):")
    print(f"  Java events/s >= 400k, zero drops:  {j_evs:,.0f} ev/s, {j_drops:,.0f} drops -> {'MET' if t1 else 'MISSED'}")
    print(f"  Java events/s >= 0.9x C consumer's: {j_evs:,.0f} / {c_evs:,.0f} = {j_evs / c_evs:.2f}x -> "
          f"{'MET' if t2 else 'MISSED'}")
    print(f"  kernel cost per event <= 1.2x C's:  {j_add:+,.0f} / {c_add:+,.0f} CPU ns = {j_add / c_add:.2f}x -> "
          f"{'MET' if t3 else 'MISSED'}   (wall clock, noisier: {j_wall:+,.0f} / {c_wall:+,.0f} ns = "
          f"{j_wall / c_wall:.2f}x)")
