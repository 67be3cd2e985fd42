/* sd-fleet-table.h — the overview's tiles, laid out in rows and columns of one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_FLEET_TABLE (sd_fleet_table_get_type ())
G_DECLARE_FINAL_TYPE (SdFleetTable, sd_fleet_table, SD, FLEET_TABLE, GtkWidget)

/* An empty table. Children are laid out in the order they are added, row by
 * row, @columns a row (sd_fleet_table_set_columns()); every child has the
 * size of the first one. Only the children in the scrolled window's view
 * are drawn, so that a table of thousands scrolls at the cost of a screenful. */
GtkWidget *sd_fleet_table_new         (void);
/* Sets how many children make a row (the table stays as it is otherwise). */
void       sd_fleet_table_set_columns (SdFleetTable *self,
                                       guint         columns);
/* Adds @child after the last one. */
void       sd_fleet_table_append      (SdFleetTable *self,
                                       GtkWidget    *child);
/* Removes every child. */
void       sd_fleet_table_remove_all  (SdFleetTable *self);

G_END_DECLS
