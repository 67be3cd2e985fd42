/* sd-fleet-cell.h — one region of one account as a compact tile of the overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sd-region-status.h"

G_BEGIN_DECLS

/* Height of a tile in pixels, and its width at least: the overview's headers
 * use them too. A tile is wider when its words need it (sd_fleet_cell_get_width()). */
#define SD_FLEET_CELL_WIDTH  112
#define SD_FLEET_CELL_HEIGHT 34

#define SD_TYPE_FLEET_CELL (sd_fleet_cell_get_type ())
G_DECLARE_FINAL_TYPE (SdFleetCell, sd_fleet_cell, SD, FLEET_CELL, GtkWidget)

/* A tile at @row and @column of the overview. It draws itself (one widget,
 * no children), so that a thousand of them scroll smoothly. */
GtkWidget      *sd_fleet_cell_new          (guint row,
                                            guint column);
guint           sd_fleet_cell_get_row      (SdFleetCell *self);
guint           sd_fleet_cell_get_column   (SdFleetCell *self);
/* Shows @status (nullable: the account has no such region) of the account
 * called @account_name; @matches FALSE dims a tile the filters leave out. */
void            sd_fleet_cell_set_status   (SdFleetCell    *self,
                                            SdRegionStatus *status,
                                            const char     *account_name,
                                            gboolean        matches);
SdRegionStatus *sd_fleet_cell_get_status   (SdFleetCell *self);
/* What a screen reader says of @status of @account_name:
 * "acme-prod, Europe (Ireland): Production, healthy, 3 dedicated IPs".
 * Newly allocated. */
char           *sd_fleet_cell_describe     (SdRegionStatus *status,
                                            const char     *account_name);
/* The width of every tile in @self's font: room for the longest word a tile
 * shows in the interface's language, SD_FLEET_CELL_WIDTH at least. */
int             sd_fleet_cell_get_width    (SdFleetCell *self);
/* The tile's word for @state, NULL for SD_SANDBOX_STATE_UNKNOWN. Static. */
const char     *sd_fleet_cell_state_word   (SdSandboxState state);
/* The tile's short word for @status's state ("Prod", "Sandbox", "Error"). Static. */
const char     *sd_fleet_cell_short_state  (SdRegionStatus *status);

G_END_DECLS
