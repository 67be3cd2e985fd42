#!/usr/bin/env python3
"""Builds the libFuzzer targets with clang: the AWS and core sources with
coverage instrumentation and AddressSanitizer, each target linked with
libFuzzer. Used by tests/fuzz/meson.build whatever compiler the project
uses (gcc has no libFuzzer)."""
import argparse
import concurrent.futures
import os
import shlex
import subprocess
import sys

PACKAGES = ["glib-2.0", "gio-2.0", "gobject-2.0", "json-glib-1.0", "libsoup-3.0", "openssl",
            "libsecret-1"]
DEFINES = [
    "-DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74",
    "-DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74",
    "-DSOUP_VERSION_MIN_REQUIRED=SOUP_VERSION_3_0",
    "-DOPENSSL_API_COMPAT=30000",
    "-DOPENSSL_NO_DEPRECATED",
    '-DGETTEXT_PACKAGE="ses-desk"',
]


def pkg_config(*args):
    out = subprocess.run(["pkg-config", *args, *PACKAGES], check=True, capture_output=True, text=True)
    return shlex.split(out.stdout)


def compile_one(cc, flags, source, obj):
    cmd = [cc, "-c", *flags, source, "-o", obj]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(" ".join(cmd) + "\n" + run.stderr)
        raise SystemExit("compiling %s failed" % source)
    return obj


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cc", required=True)
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--lib", nargs="+", default=[])
    parser.add_argument("--target", nargs="+", default=[])
    args = parser.parse_args()

    objdir = os.path.join(args.outdir, "fuzz-objects")
    os.makedirs(objdir, exist_ok=True)
    flags = ["-g", "-O1", "-std=gnu11", "-fno-omit-frame-pointer", "-w",
             "-fsanitize=fuzzer-no-link,address"]
    flags += ["-I" + d for d in args.include] + DEFINES + pkg_config("--cflags")

    sources = [s for s in args.lib if s.endswith(".c")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        jobs = []
        for source in sources:
            name = os.path.basename(os.path.dirname(source)) + "-" + os.path.basename(source)
            jobs.append(pool.submit(compile_one, args.cc, flags, source,
                                    os.path.join(objdir, name + ".o")))
        for target in args.target:
            jobs.append(pool.submit(compile_one, args.cc, flags, target,
                                    os.path.join(objdir, "target-" + os.path.basename(target) + ".o")))
        objects = [j.result() for j in jobs]

    lib_objects = objects[:len(sources)]
    for target, obj in zip(args.target, objects[len(sources):]):
        out = os.path.join(args.outdir, os.path.splitext(os.path.basename(target))[0])
        cmd = [args.cc, "-g", "-fsanitize=fuzzer,address", obj, *lib_objects, "-o", out,
               *pkg_config("--libs"), "-lm"]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(" ".join(cmd) + "\n" + run.stderr)
            raise SystemExit("linking %s failed" % out)


if __name__ == "__main__":
    main()
