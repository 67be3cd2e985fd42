/* sd-region-page.h — one region in detail: IPs, pools, quota, review, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_REGION_PAGE (sd_region_page_get_type ())
G_DECLARE_FINAL_TYPE (SdRegionPage, sd_region_page, SD, REGION_PAGE, AdwBin)

/* Creates an empty detail page. */
GtkWidget      *sd_region_page_new        (void);
/* Shows @status (nullable) and follows its changes. */
void            sd_region_page_set_status (SdRegionPage   *self,
                                           SdRegionStatus *status);
/* The status shown, or NULL. */
SdRegionStatus *sd_region_page_get_status (SdRegionPage   *self);

G_END_DECLS
