/* sd-fleet-view.h — the overview: one row per account, one column per region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sd-fleet.h"

G_BEGIN_DECLS

#define SD_TYPE_FLEET_VIEW (sd_fleet_view_get_type ())
G_DECLARE_FINAL_TYPE (SdFleetView, sd_fleet_view, SD, FLEET_VIEW, GtkWidget)

/* An empty overview. It emits "open-region" (SdRegionStatus *) when a tile
 * is clicked or Enter pressed on it. Narrower than 500 pixels it shows a
 * list by account instead of the table. */
GtkWidget *sd_fleet_view_new        (void);
/* Shows @fleet (nullable). */
void       sd_fleet_view_set_fleet  (SdFleetView *self,
                                     SdFleet     *fleet);
/* The cards' filter (nullable): rows with no tile it keeps are hidden, its
 * other tiles dimmed. */
void       sd_fleet_view_set_filter (SdFleetView *self,
                                     GtkFilter   *filter);
/* Looks at the fleet again (after its regions or the filter changed); the
 * rows and columns are made again only when they changed. */
void       sd_fleet_view_update     (SdFleetView *self);
/* Gives the keyboard focus to the first tile (or the list). */
void       sd_fleet_view_focus      (SdFleetView *self);

G_END_DECLS
