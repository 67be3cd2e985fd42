/* bench-aws-config.c — time to read large AWS config files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds config files near the reader's 16 MiB limit in memory, in the
 * shapes a long file takes, and prints for each the milliseconds that
 * sd_aws_config_new_from_data() takes (best of three):
 *   config <shape> <lines> <bytes> <milliseconds> ms
 * Every shape must read in linear time: 320,000 continuation lines of one
 * value (960 KB) once took 12.5 s.
 */
#include "config.h"

#include <stdio.h>

#include "sd-aws-config.h"

#define RUNS 3
/* A file of 320,000 continuation lines must read within this (it took
 * 12.5 s when every line copied the whole value). */
#define BAR_MS 500.0

static GString *
continuation_lines (guint n)
{
  GString *text = g_string_new ("[profile long]\nregion = us-east-1\nnote = start\n");

  for (guint i = 0; i < n; i++)
    g_string_append (text, " x\n");
  return text;
}

static GString *
nested_lines (guint n)
{
  GString *text = g_string_new ("[services long]\nsesv2 =\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "  key%u = value\n", i);
  return text;
}

static GString *
many_profiles (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "[profile p%u]\nregion = us-east-1\n", i);
  return text;
}

static void
bench (const char *shape,
       GString    *text,
       guint       lines)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      SdAwsConfig *config = sd_aws_config_new_from_data ("config", text->str, NULL, NULL);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      sd_aws_config_unref (config);
      best = MIN (best, ms);
    }
  printf ("config %s %u %" G_GSIZE_FORMAT " %.1f ms\n", shape, lines, text->len, best);
  /* The report's line (docs/benchmarks.md); the bar only for the shape it is for. */
  if (g_str_equal (shape, "continuation") && lines == 320000)
    printf ("bench-result {\"metric\": \"Config file: %u continuation lines of one value\", "
            "\"value\": %.1f, \"unit\": \"ms\", \"bar\": \"< %.0f ms\", \"pass\": %s, "
            "\"anchor\": null, \"key\": true}\n",
            lines, best, BAR_MS, best < BAR_MS ? "true" : "false");
  else
    printf ("bench-result {\"metric\": \"Config file: %u lines, %s\", \"value\": %.1f, "
            "\"unit\": \"ms\", \"bar\": null, \"pass\": null, \"anchor\": null}\n",
            lines, shape, best);
  fflush (stdout);
  g_string_free (text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  /* SD_BENCH_SMOKE=1: small files, only to show the bench runs. */
  guint scale = g_strcmp0 (g_getenv ("SD_BENCH_SMOKE"), "1") == 0 ? 100 : 1;

  bench ("continuation", continuation_lines (320000 / scale), 320000 / scale);
  bench ("continuation", continuation_lines (2000000 / scale), 2000000 / scale);
  bench ("nested", nested_lines (500000 / scale), 500000 / scale);
  bench ("profiles", many_profiles (200000 / scale), 400000 / scale);
  return 0;
}
