/* sd-timings.c — start-up milestones for the benchmarks (SD_BENCH_TIMINGS=1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "sd-timings.h"

gboolean
sd_timings_enabled (void)
{
  static int on = -1;

  if (on < 0)
    on = g_strcmp0 (g_getenv ("SD_BENCH_TIMINGS"), "1") == 0;
  return on;
}

void
sd_timings_mark (const char *event)
{
  static GHashTable *seen = NULL;

  if (!sd_timings_enabled ())
    return;
  if (seen == NULL)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (seen, event))
    return;
  g_hash_table_add (seen, (gpointer) g_intern_string (event));
  fprintf (stdout, "sd-timing %s\n", event);
  fflush (stdout);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  sd_timings_mark ("first-frame");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_map, user_data);
  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

void
sd_timings_watch_first_frame (GtkWidget *window)
{
  if (!sd_timings_enabled ())
    return;
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}
