/* sd-health-section.h — a region's sending health: rates against AWS's lines, charts and a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_HEALTH_SECTION (sd_health_section_get_type ())
G_DECLARE_FINAL_TYPE (SdHealthSection, sd_health_section, SD, HEALTH_SECTION, AdwBin)

GtkWidget *sd_health_section_new        (void);
/* Shows @status's level and figures (sd_region_status_get_health()); does
 * not follow its changes: the owner calls again after each load. NULL
 * empties the section. */
void       sd_health_section_set_status (SdHealthSection *self,
                                         SdRegionStatus  *status);
/* For the benchmarks: the frames in which every chart drew (the fewest any
 * chart drew), and the time all the charts' drawing took, in microseconds. */
void       sd_health_section_get_draw_stats (SdHealthSection *self,
                                             guint           *frames,
                                             gint64          *usec);
/* For the benchmarks: every chart draws again in the next frame. */
void       sd_health_section_redraw_charts  (SdHealthSection *self);

G_END_DECLS
