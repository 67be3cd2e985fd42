/* sd-timings.h — start-up milestones for the benchmarks (SD_BENCH_TIMINGS=1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the environment has SD_BENCH_TIMINGS=1: milestones are printed. */
gboolean sd_timings_enabled            (void);
/* Prints "sd-timing EVENT" on stdout the first time @event happens, when the
 * environment has SD_BENCH_TIMINGS=1; does nothing otherwise. */
void sd_timings_mark               (const char *event);
/* Marks "first-frame" once @window's first frame has been painted. */
void sd_timings_watch_first_frame  (GtkWidget  *window);

G_END_DECLS
