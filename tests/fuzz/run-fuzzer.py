#!/usr/bin/env python3
"""Runs one libFuzzer target for a bounded time from its seed corpus; fails
(exit 1) when it finds a crash, a leak, a timeout or an out-of-memory, and
keeps the input that caused it in <build>/fuzz-artifacts/."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fuzzer")
    parser.add_argument("corpus")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SD_FUZZ_SECONDS", "30")))
    # Longer inputs for targets whose cost grows with the input's length (a
    # parser that turns quadratic shows only on large inputs); libFuzzer cuts
    # seeds longer than this, and -len_control=0 tries long inputs at once.
    parser.add_argument("--max-len", type=int, default=65536)
    args = parser.parse_args()

    args.fuzzer = os.path.abspath(args.fuzzer)
    name = os.path.basename(args.fuzzer)
    keep = os.path.join(os.environ.get("SD_BUILD_ROOT", "."), "fuzz-artifacts", name)
    with tempfile.TemporaryDirectory(prefix="sd-fuzz-") as work:
        corpus = os.path.join(work, "corpus")
        artifacts = os.path.join(work, "artifacts")
        shutil.copytree(args.corpus, corpus)
        os.makedirs(artifacts)
        # G_SLICE=always-malloc lets LeakSanitizer see GObjects; the slow
        # unwinder gives stacks through GLib (built without frame pointers)
        # for the suppressions to match, at some cost in speed.
        env = dict(os.environ, G_SLICE="always-malloc", G_DEBUG="fatal-criticals,gc-friendly",
                   ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=0",
                   LSAN_OPTIONS="suppressions=%s:print_suppressions=0" % os.path.join(
                       os.path.dirname(os.path.abspath(__file__)), "lsan.supp"),
                   XDG_CACHE_HOME=os.path.join(work, "cache"), XDG_STATE_HOME=os.path.join(work, "state"))
        # Inputs of megabytes take a second or two under AddressSanitizer,
        # more on a busy machine; what grows quadratically takes minutes.
        timeout = 10 if args.max_len <= 65536 else 30
        cmd = [args.fuzzer, "-max_total_time=%d" % args.seconds, "-timeout=%d" % timeout,
               "-rss_limit_mb=2048", "-max_len=%d" % args.max_len, "-print_final_stats=1",
               "-artifact_prefix=%s/" % artifacts, corpus]
        if args.max_len > 65536:
            cmd[-2:-2] = ["-len_control=0", "-report_slow_units=%d" % timeout]
        print("# " + " ".join(cmd), flush=True)
        run = subprocess.run(cmd, env=env, cwd=work)
        found = sorted(os.listdir(artifacts))
        if run.returncode != 0 or found:
            os.makedirs(keep, exist_ok=True)
            for f in found:
                shutil.copy(os.path.join(artifacts, f), keep)
            print("%s failed (exit %d); inputs kept in %s: %s" % (name, run.returncode, keep, found))
            return 1
        print("%s: no crash in %d s" % (name, args.seconds))
        return 0


if __name__ == "__main__":
    sys.exit(main())
