/* sd-dashboard.h — every SES region of every account, loaded concurrently
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"
#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_DASHBOARD (sd_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (SdDashboard, sd_dashboard, SD, DASHBOARD, GObject)

SdDashboard *sd_dashboard_new            (SdAwsClient  *client);
/* Adds @profile's regions: @regions (NULL-terminated), or when NULL every SES
 * region of the partition of the profile's region. */
void         sd_dashboard_add_account    (SdDashboard        *self,
                                          const char         *profile,
                                          const char * const *regions);
void         sd_dashboard_clear          (SdDashboard  *self);
/* A GListModel of SdRegionStatus, accounts in the order added, regions sorted. */
GListModel  *sd_dashboard_get_model      (SdDashboard  *self);
gboolean     sd_dashboard_get_loading    (SdDashboard  *self);
/* Unix time when the last refresh ended, or 0. */
gint64       sd_dashboard_get_updated    (SdDashboard  *self);

/* Loads every region concurrently. A refresh asked for while one runs joins
 * it rather than sending the requests again. Cancelling @cancellable stops
 * the whole refresh. */
void         sd_dashboard_refresh_async  (SdDashboard         *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Returns how many regions failed (each carries its own error), or −1 with
 * @error set when the refresh was cancelled. */
int          sd_dashboard_refresh_finish (SdDashboard   *self,
                                          GAsyncResult  *result,
                                          GError       **error);

G_END_DECLS
