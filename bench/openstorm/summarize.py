#!/usr/bin/env python3
"""Medians of bench/openstorm/run.sh's raw results, as a markdown table, and the issue 3 targets."""
import statistics
import sys
from collections import defaultdict

NAMES = {
    "a_none": "(a) no probe",
    "b_cconsumer": "(b) C libbpf consumer (limit)",
    "c_bpftrace": "(c) bpftrace printf",
    "d_audit": "(d) auditd openat rule",
    "e_java": "(e) Java OpenProbe -> EventPublisher",
    "f_java_raw": "(f) diagnostic: Java ProbeRunner, records counted, not decoded",
}


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
base = {r[0]: num(r[3]) for r in rows if r[1] == "a_none"}
per = defaultdict(list)
for rep, mode, ops, nsop, storm_ns, at_end, delivered, drops, cpu, note in rows:
    ops, nsop, storm_ns = num(ops), num(nsop), num(storm_ns)
    if not ops:
        per[mode].append({"note": note})
        continue
    secs = storm_ns / 1e9
    d = {"rep": rep, "ops": ops, "nsop": nsop, "added": nsop - base[rep] if mode != "a_none" else 0.0,
         "cpu": num(cpu), "note": note}
    if mode != "a_none":
        # b, e: storm events the consumer had received when the storm ended (real time);
        # c, d: storm events found in the output after a 0.7 s drain
        counted = num(at_end) if num(at_end) is not None else num(delivered)
        d["evs"] = counted / secs
        d["delivered_pct"] = 100 * num(delivered) / ops
        d["drops"] = num(drops)
    per[mode].append(d)


def med(mode, key):
    vals = [d[key] for d in per[mode] if d.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt(v, f="{:,.0f}"):
    return "-" if v is None else f.format(v)


print()
print("| configuration | ns per openat+close | ns added per openat vs (a) | events/s delivered | delivered of storm | drops (sum) | consumer CPU % |")
print("|---|---|---|---|---|---|---|")
for mode in ["a_none", "b_cconsumer", "c_bpftrace", "d_audit", "e_java", "f_java_raw"]:
    if mode not in per:
        continue
    if "nsop" not in per[mode][0]:
        print(f"| {NAMES[mode]} | not run: {per[mode][0]['note']} | | | | | |")
        continue
    if mode == "a_none":
        print(f"| {NAMES[mode]} | {fmt(med(mode, 'nsop'))} | - | - | - | - | - |")
        continue
    drops = sum(d["drops"] for d in per[mode])
    print(f"| {NAMES[mode]} | {fmt(med(mode, 'nsop'))} | {fmt(med(mode, 'added'), '{:+,.0f}')} | "
          f"{fmt(med(mode, 'evs'))} | {fmt(med(mode, 'delivered_pct'), '{:.2f} %')} | {drops:,.0f} | "
          f"{fmt(med(mode, 'cpu'), '{:.1f}')} |")
print()
print("medians of", len(base), "repetitions; per repetition:")
for mode in ["b_cconsumer", "c_bpftrace", "d_audit", "e_java", "f_java_raw"]:
    for d in per.get(mode, []):
        if "nsop" in d:
            print(f"  {mode:12} rep {d['rep']}: {d['nsop']:8,.0f} ns/op  {d['added']:+8,.0f} ns  "
                  f"{d['evs']:10,.0f} ev/s  drops {d['drops']:,.0f}  cpu {d['cpu']:.1f} %  ({d['note']})")

if "e_java" in per and "b_cconsumer" in per and "nsop" in per["e_java"][0]:
    j_evs, c_evs = med("e_java", "evs"), med("b_cconsumer", "evs")
    j_add, c_add = med("e_java", "added"), med("b_cconsumer", "added")
    j_drops = sum(d["drops"] for d in per["e_java"])
    t1 = j_evs >= 400_000 and j_drops == 0
    t2 = j_evs / c_evs >= 0.9
    t3 = j_add / c_add <= 1.2
    print()
    print("targets (issue 3):")
    print(f"  Java events/s >= 400k with zero drops: {j_evs:,.0f} ev/s, {j_drops:,.0f} drops -> {'MET' if t1 else 'MISSED'}")
    print(f"  Java events/s >= 0.9x C consumer's:   {j_evs:,.0f} / {c_evs:,.0f} = {j_evs / c_evs:.2f}x -> {'MET' if t2 else 'MISSED'}")
    print(f"  kernel cost per event <= 1.2x C's:    {j_add:+,.0f} ns / {c_add:+,.0f} ns = {j_add / c_add:.2f}x -> {'MET' if t3 else 'MISSED'}")
