/* sd-region-row.h — one region of one account, as a card of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_REGION_ROW (sd_region_row_get_type ())
G_DECLARE_FINAL_TYPE (SdRegionRow, sd_region_row, SD, REGION_ROW, AdwBin)

/* Creates an empty card. */
GtkWidget      *sd_region_row_new              (void);
/* Shows @status (nullable) and follows its changes. */
void            sd_region_row_set_status       (SdRegionRow    *self,
                                                SdRegionStatus *status);
/* The status shown, or NULL. */
SdRegionStatus *sd_region_row_get_status       (SdRegionRow    *self);
/* Whether the profile is shown beside the region code ("All accounts"). */
void            sd_region_row_set_show_profile (SdRegionRow    *self,
                                                gboolean        show_profile);
/* The CSS class of a state's badge ("sandbox", "production", …). Static. */
const char     *sd_region_row_state_css_class  (SdSandboxState  state);

G_END_DECLS
