/* sd-totals.h — totals across the regions shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_TOTALS (sd_totals_get_type ())
G_DECLARE_FINAL_TYPE (SdTotals, sd_totals, SD, TOTALS, AdwBin)

/* Creates the totals. */
GtkWidget *sd_totals_new       (void);
/* Sums up @model (a GListModel of SdRegionStatus, nullable) now and whenever it changes. */
void       sd_totals_set_model (SdTotals   *self,
                                GListModel *model);
/* Sums up again: an item's data changed without the model changing. */
void       sd_totals_update    (SdTotals   *self);

G_END_DECLS
