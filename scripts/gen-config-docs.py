#!/usr/bin/env python3
"""Writes docs/configuration.md from the metatype definitions inside the built bundles.

Run after a build (mvn -q install -DskipTests): python3 scripts/gen-config-docs.py
"""
import glob
import os
import xml.etree.ElementTree as ET
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPES = {"String": "string", "Integer": "integer", "Long": "long", "Boolean": "boolean", "Double": "double"}


def local(tag):
    return tag.rsplit('}', 1)[-1]


def definitions():
    jars = sorted(glob.glob(os.path.join(ROOT, "*/*/target/infrasight-*.jar"))
                  + glob.glob(os.path.join(ROOT, "*/target/infrasight-*.jar")))
    seen = {}
    for jar in jars:
        if jar.endswith(("-sources.jar", "-tests.jar")) or "itests" in jar:
            continue
        with zipfile.ZipFile(jar) as z:
            for name in z.namelist():
                if not (name.startswith("OSGI-INF/metatype/") and name.endswith(".xml")):
                    continue
                root = ET.fromstring(z.read(name))
                ocds = {o.get("id"): o for o in root.iter() if local(o.tag) == "OCD"}
                for d in root.iter():
                    if local(d.tag) != "Designate":
                        continue
                    pid = d.get("pid") or d.get("factoryPid")
                    factory = d.get("factoryPid") is not None
                    for obj in d:
                        ocd = ocds.get(obj.get("ocdref"))
                        if ocd is not None:
                            seen[pid] = (os.path.basename(jar), factory, ocd)
    return seen


def main():
    import sys
    target = os.path.join(ROOT, "docs", "configuration.md")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    out = ["# Configuration reference", "",
           "Generated from the bundles' metatype definitions by `scripts/gen-config-docs.py`; do not edit by hand.",
           "Each PID is configured in `etc/<pid>.cfg` (factory PIDs: `etc/<pid>-<name>.cfg`). A value that does",
           "not fit its type is reported in the log and in status (`config_problems`), and the default is used.", ""]
    for pid, (jar, factory, ocd) in sorted(definitions().items()):
        out.append(f"## `{pid}`{' (factory)' if factory else ''}")
        out.append("")
        out.append(f"{ocd.get('name') or ''}. {ocd.get('description') or ''}".strip().replace("..", ".")
                   + f" Bundle: `{jar}`.")
        out.append("")
        out.append("| property | type | default | description |")
        out.append("|---|---|---|---|")
        for ad in ocd:
            if local(ad.tag) != "AD":
                continue
            typ = TYPES.get(ad.get("type"), ad.get("type"))
            if ad.get("cardinality") not in (None, "0"):
                typ += "[]"
            default = ad.get("default") or ""
            desc = (ad.get("description") or ad.get("name") or "").replace("|", "\\|")
            out.append(f"| `{ad.get('id')}` | {typ} | `{default}` | {desc} |")
        out.append("")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote " + target)


if __name__ == "__main__":
    main()
