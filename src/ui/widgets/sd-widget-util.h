/* sd-widget-util.h — small fixes the app's widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 leaves the pages a stack does not show in the accessible tree:
 * marks every page but the visible one hidden. */
void sd_stack_sync_hidden  (GtkStack *stack);
/* The same now and whenever @stack shows another page. */
void sd_stack_track_hidden (GtkStack *stack);

/* A list factory's rows that are alive now: @row joins @rows and leaves it
 * when the list drops it (lists create and drop rows as they scroll).
 * sd_live_rows_clear() forgets them all, in the owner's dispose. */
void sd_live_rows_add   (GPtrArray *rows,
                         GtkWidget *row);
void sd_live_rows_clear (GPtrArray *rows);

G_END_DECLS
