#!/usr/bin/env python3
"""The translations: POTFILES.in lists every file with strings, and each
catalogue of po/LINGUAS is complete (no untranslated or fuzzy message) and
passes msgfmt --check. Prints TAP."""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.environ.get("SD_SOURCE_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PO = os.path.join(ROOT, "po")
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def potfiles():
    with open(os.path.join(PO, "POTFILES.in")) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def files_with_strings():
    found = []
    for folder in ("src", "data"):
        for dirpath, _, names in os.walk(os.path.join(ROOT, folder)):
            for name in names:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT)
                if name.endswith((".c", ".h")):
                    text = open(path, encoding="utf-8").read()
                    if re.search(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"', text):
                        found.append(rel)
                elif name.endswith(".ui"):
                    if 'translatable="yes"' in open(path, encoding="utf-8").read():
                        found.append(rel)
                elif name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                    found.append(rel)
    return sorted(found)


def main():
    listed = set(potfiles())
    missing = [f for f in files_with_strings() if f not in listed]
    check("POTFILES.in lists every file with translatable strings", not missing, missing)
    gone = [f for f in listed if not os.path.exists(os.path.join(ROOT, f))]
    check("POTFILES.in names only files that exist", not gone, gone)

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "ses-desk.pot")
        args = ["xgettext", "--from-code=UTF-8", "--add-comments=Translators:", "-o", pot,
                "--directory", ROOT, "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3", "--keyword=ngettext:1,2"]
        args += sorted(listed)
        run = subprocess.run(args, capture_output=True, text=True)
        check("xgettext reads every listed file", run.returncode == 0, run.stderr)
        linguas = [l.strip() for l in open(os.path.join(PO, "LINGUAS")) if l.strip() and not l.startswith("#")]
        check("LINGUAS has ja, zh_CN and ko", {"ja", "zh_CN", "ko"} <= set(linguas), linguas)
        for lang in linguas:
            po = os.path.join(PO, lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            run = subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot],
                                 capture_output=True, text=True)
            check("%s: msgmerge against the sources" % lang, run.returncode == 0, run.stderr)
            run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                                 capture_output=True, text=True)
            stats = run.stderr.strip()
            check("%s: msgfmt --check is clean" % lang, run.returncode == 0, stats)
            check("%s: every message translated, none fuzzy" % lang,
                  run.returncode == 0 and "untranslated" not in stats and "fuzzy" not in stats, stats)
            run = subprocess.run(["msgfmt", "--check", "-o", os.devnull, po], capture_output=True, text=True)
            check("%s: the catalogue in po/ itself passes msgfmt --check" % lang, run.returncode == 0, run.stderr)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
