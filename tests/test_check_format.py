#!/usr/bin/env python3
"""build-aux/check-format judges the lines a change touches, and only those:
in a scratch git repository made of the project's uncrustify.cfg, the script
and a few C files, a misformatted change fails, a formatted one passes, old
misformatted code nobody touched is left alone, --fix repairs what it
reported, --all judges the whole tree. Prints TAP."""
import os
import shutil
import subprocess
import sys
import tempfile

source = os.environ.get("SD_SOURCE_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


GOOD = """\
/* a.c — a file as the project writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

struct _SdThing
{
  GObject     parent_instance;

  char       *name;     /* owned */
  GPtrArray  *items;    /* owned; of SdItem */
};

static const char *
thing_label (const char *name,
             guint       count)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (count == 0)
    {
      g_string_append (text, _("Nothing"));
    }
  else
    {
      for (guint i = 0; i < count; i++)
        g_string_append_printf (text, "%s %u", name, i);
    }
  switch (count)
    {
    case 1:
      break;
    default:
      break;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
"""

OLD_BAD = """\
/* b.c — an older file, written before the style was checked */
static int
old_code (int x)
{
  if(x){ return 1; }
  return 0;
}
"""

FORMATTED_ADDITION = """
static gboolean
thing_is_empty (const char *name)
{
  if (name == NULL || *name == '\\0')
    return TRUE;
  return g_str_has_prefix (name, _("empty"));
}
"""

MISFORMATTED_ADDITION = """
static gboolean thing_is_empty(const char *name) {
    if(name == NULL){
        return TRUE;
    }
    return g_str_has_prefix(name, _ ("empty"));
}
"""

MISALIGNED_PARAMETERS = """
static void
on_ready (GObject *source,
          GAsyncResult *result,  /* taken */
          gpointer user_data,
          GError **error)  /* nullable */
{
}
"""

ALIGNED_PARAMETERS = """
static void
on_ready (GObject       *source,
          GAsyncResult  *result,  /* taken */
          gpointer       user_data,
          GError       **error)  /* nullable */
{
}
"""

ENUM_TYPE = """
G_DEFINE_ENUM_TYPE (SdKind, sd_kind,
  G_DEFINE_ENUM_VALUE (SD_KIND_A, "a"),
  G_DEFINE_ENUM_VALUE (SD_KIND_B, "b"))
"""


def run(repo, *args, env=None):
    return subprocess.run([os.path.join(repo, "build-aux", "check-format")] + list(args), cwd=repo,
                          capture_output=True, text=True, env=env)


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false"] + list(args), cwd=repo, check=True,
                   capture_output=True, text=True)


def write(repo, path, text, mode="w"):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, mode) as f:
        f.write(text)


def read(repo, path):
    with open(os.path.join(repo, path)) as f:
        return f.read()


def make_repo(top):
    repo = os.path.join(top, "repo")
    os.makedirs(os.path.join(repo, "build-aux"))
    shutil.copy(os.path.join(source, "uncrustify.cfg"), repo)
    shutil.copy(os.path.join(source, "build-aux", "check-format"), os.path.join(repo, "build-aux"))
    git(repo, "init", "-q", "-b", "main")
    write(repo, "src/a.c", GOOD)
    write(repo, "src/b.c", OLD_BAD)
    write(repo, "README", "scratch\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    return repo


if shutil.which(os.environ.get("UNCRUSTIFY", "uncrustify")) is None:
    print("1..1")
    print("not ok 1 uncrustify is installed (build-aux/setup-debian installs it)")
    sys.exit(1)

with tempfile.TemporaryDirectory() as top:
    repo = make_repo(top)

    # The project's own files as they are: the sample file is formatted.
    out = subprocess.run(["uncrustify", "-c", os.path.join(repo, "uncrustify.cfg"), "-l", "C", "-q",
                          "-f", os.path.join(repo, "src/a.c")], capture_output=True, text=True)
    check("uncrustify.cfg leaves a file in the project's style as it is", out.stdout == GOOD,
          out.stdout)

    r = run(repo)
    check("one commit, nothing changed: exit 0", r.returncode == 0, r.stdout + r.stderr)

    # A formatted change passes, although b.c is misformatted (untouched).
    write(repo, "src/a.c", FORMATTED_ADDITION, "a")
    git(repo, "commit", "-q", "-am", "formatted")
    r = run(repo)
    check("a formatted change passes (base HEAD~1)", r.returncode == 0, r.stdout + r.stderr)
    check("it says which base it used", "HEAD~1" in r.stdout, r.stdout)
    r = run(repo, "HEAD~1")
    check("a formatted change passes (base given)", r.returncode == 0, r.stdout + r.stderr)
    good_head = read(repo, "src/a.c")

    # A misformatted change fails and shows what is expected.
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    write(repo, "src/a.c", MISFORMATTED_ADDITION, "a")
    git(repo, "commit", "-q", "-am", "misformatted")
    r = run(repo)
    check("a misformatted change fails with exit 1", r.returncode == 1, r.stdout + r.stderr)
    check("the report names the file and line", "src/a.c:" in r.stdout, r.stdout)
    check("the report shows the line as written", "-static gboolean thing_is_empty(const char *name) {"
          in r.stdout, r.stdout)
    check("the report shows the expected lines", "+thing_is_empty (const char *name)" in r.stdout
          and "+  if (name == NULL)" in r.stdout and '_("empty")' in r.stdout, r.stdout)
    check("untouched old code is not reported", "src/b.c" not in r.stdout, r.stdout)

    # --fix rewrites the changed lines only.
    r = run(repo, "--fix")
    check("--fix exits 0", r.returncode == 0, r.stdout + r.stderr)
    fixed = read(repo, "src/a.c")
    check("--fix makes the change what uncrustify.cfg wants", "thing_is_empty (const char *name)\n{"
          in fixed and "return g_str_has_prefix (name, _(\"empty\"));" in fixed, fixed)
    check("--fix leaves untouched files alone", read(repo, "src/b.c") == OLD_BAD)
    r = run(repo)
    check("after --fix the check passes", r.returncode == 0, r.stdout + r.stderr)

    # An uncommitted edit is judged too; touching the old code makes it count.
    git(repo, "checkout", "-q", "--", "src/a.c")
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    write(repo, "src/b.c", OLD_BAD.replace("return 0;", "return  0 ;"))
    r = run(repo, "HEAD")
    check("an uncommitted misformatted edit fails", r.returncode == 1 and "src/b.c:" in r.stdout,
          r.stdout + r.stderr)
    check("only the edited line of the old file is reported",
          "-  if(x){ return 1; }" not in r.stdout and "-  return  0 ;" in r.stdout, r.stdout)
    git(repo, "checkout", "-q", "--", "src/b.c")

    # origin/main, when it exists, is the base: every commit of the branch counts.
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    write(repo, "src/a.c", MISFORMATTED_ADDITION, "a")
    git(repo, "commit", "-q", "-am", "misformatted")
    write(repo, "README", "another commit on top\n", "a")
    git(repo, "commit", "-q", "-am", "readme")
    r = run(repo)
    check("the base is origin/main when it exists", r.returncode == 1 and "src/a.c:" in r.stdout,
          r.stdout + r.stderr)
    r = run(repo, "HEAD~1")
    check("a base given on the command line wins", r.returncode == 0 and "no C line" in r.stdout,
          r.stdout + r.stderr)

    # Outside src/ and tests/ nothing is judged; an unknown base is an error.
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "tools/x.c", "int f(){return 1;}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "tool")
    r = run(repo)
    check("C files outside src/ and tests/ are not judged", r.returncode == 0, r.stdout + r.stderr)
    r = run(repo, "no-such-base")
    check("an unknown base exits 2", r.returncode == 2, r.stdout + r.stderr)
    env = dict(os.environ, UNCRUSTIFY="/nonexistent/uncrustify")
    r = run(repo, env=env)
    check("a missing uncrustify exits 2 and says how to install it",
          r.returncode == 2 and "apt install uncrustify" in r.stderr, r.stdout + r.stderr)
    del good_head

    # Parameters one a line: names in one column, room for the most stars.
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "src/a.c", MISALIGNED_PARAMETERS, "a")
    git(repo, "commit", "-q", "-am", "parameters")
    r = run(repo)
    check("misaligned parameters fail", r.returncode == 1 and "src/a.c:" in r.stdout,
          r.stdout + r.stderr)
    expected = ["+" + line for line in ALIGNED_PARAMETERS.splitlines() if line.startswith(("on_", " "))]
    check("the expected parameters keep a column for the stars",
          len(expected) == 4 and all(line in r.stdout.splitlines() for line in expected), r.stdout)
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "src/a.c", ALIGNED_PARAMETERS, "a")
    git(repo, "commit", "-q", "-am", "parameters")
    r = run(repo)
    check("aligned parameters pass", r.returncode == 0, r.stdout + r.stderr)

    # G_DEFINE_ENUM_TYPE's values two columns in, as GLib documents them.
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "src/a.c", ENUM_TYPE, "a")
    git(repo, "commit", "-q", "-am", "enum")
    r = run(repo)
    check("enum values two columns in pass", r.returncode == 0, r.stdout + r.stderr)
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "src/a.c", ENUM_TYPE.replace("\n  G_DEFINE_ENUM_VALUE", "\n    G_DEFINE_ENUM_VALUE"), "a")
    git(repo, "commit", "-q", "-am", "enum")
    r = run(repo)
    check("enum values indented otherwise fail", r.returncode == 1 and '+  G_DEFINE_ENUM_VALUE (SD_KIND_B, "b"))'
          in r.stdout.splitlines(), r.stdout + r.stderr)

    # --all judges every line; G_DEFINE_QUARK's dashed name is never touched
    # (uncrustify would write "sd-case -error-quark", another string).
    git(repo, "reset", "-q", "--hard", "origin/main")
    write(repo, "src/c.c", "G_DEFINE_QUARK (sd-case-error-quark, sd_case_error)\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "quark")
    r = run(repo)
    check("a G_DEFINE_QUARK line is not reported", r.returncode == 0, r.stdout + r.stderr)
    r = run(repo, "--all")
    check("--all reports old misformatted code", r.returncode == 1 and "src/b.c:" in r.stdout
          and "src/c.c" not in r.stdout, r.stdout + r.stderr)
    r = run(repo, "--all", "--fix")
    check("--all --fix formats the whole tree", r.returncode == 0 and run(repo, "--all").returncode == 0
          and "  if (x)\n    {\n      return 1;\n    }\n" in read(repo, "src/b.c"), r.stdout + r.stderr)
    check("--all --fix keeps G_DEFINE_QUARK's name",
          read(repo, "src/c.c") == "G_DEFINE_QUARK (sd-case-error-quark, sd_case_error)\n",
          read(repo, "src/c.c"))

print("1..%d" % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        for line in str(detail).splitlines()[:30]:
            print("# %s" % line)
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
