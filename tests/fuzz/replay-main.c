/* replay-main.c — runs a fuzz target over its seed corpus, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with the normal compiler and linked with one fuzz target, so the
 * parsers' robustness against the seeds (and every crash ever found, once
 * added to the corpus) is checked on every `meson test`. Prints TAP: one
 * line per input file of the directories given.
 */
#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (files, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (files, compare_paths);
  if (files->len == 0)
    {
      g_print ("1..0 # no seed inputs\nBail out! the corpus is empty\n");
      return 1;
    }

  g_print ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, &error))
        {
          g_print ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }
      /* A crash or g_error() aborts the run: the missing lines fail it. */
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
      g_print ("ok %u - %s\n", i + 1, path);
      n_inputs++;
    }
  return n_inputs == files->len ? 0 : 1;
}
