/* sd-dashboard.h — every SES region of every account, loaded concurrently
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-account.h"
#include "sd-aws-client.h"
#include "sd-change-log.h"
#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_DASHBOARD (sd_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (SdDashboard, sd_dashboard, SD, DASHBOARD, GObject)

/* Creates an empty dashboard that loads through @client. */
SdDashboard *sd_dashboard_new            (SdAwsClient  *client);
/* Adds @profile's regions: @regions (NULL-terminated), or when NULL every SES
 * region of the partition of the profile's region. */
void         sd_dashboard_add_account    (SdDashboard        *self,
                                          const char         *profile,
                                          const char * const *regions);
/* Like sd_dashboard_add_account() for @account (a reference is taken): its
 * regions carry the account's name and id (sd_region_status_get_account_name()).
 * An account with a problem (sd_account_get_problem()) has its regions failed
 * with that problem at every refresh, and nothing is requested for it; an
 * organization's member whose role cannot be assumed fails each of its
 * regions with an error saying which role, which account, and what to do. */
void         sd_dashboard_add_account_full (SdDashboard        *self,
                                            SdAccount          *account,
                                            const char * const *regions);
/* Names the regions of @account's profile, added before as a plain profile,
 * after @account (a reference is taken), as sd_dashboard_add_account_full()
 * does: a profile found to be an organization's management account. */
void         sd_dashboard_name_account   (SdDashboard  *self,
                                          SdAccount    *account);
/* Removes every account. */
void         sd_dashboard_clear          (SdDashboard  *self);
/* A GListModel of SdRegionStatus, accounts in the order added, regions sorted. */
GListModel  *sd_dashboard_get_model      (SdDashboard  *self);
/* Whether a refresh runs. */
gboolean     sd_dashboard_get_loading    (SdDashboard  *self);
/* Unix time when the last refresh ended, or 0. */
gint64       sd_dashboard_get_updated    (SdDashboard  *self);

/* The change log the dashboard feeds after every refresh that was not
 * cancelled: each region loaded without error is compared with its last
 * state seen (sd_change_log_update_async()); the log's "detected" signal carries
 * what changed. NULL (the default) compares nothing. A reference is taken.
 * The log need not be loaded first: the update reads its file itself. */
void         sd_dashboard_set_change_log (SdDashboard  *self,
                                          SdChangeLog  *log);
SdChangeLog *sd_dashboard_get_change_log (SdDashboard  *self);

/* Loads every region concurrently: per region GetAccount, GetDedicatedIps,
 * ListDedicatedIpPools and the health figures (sd_region_health_load_async())
 * at once. A refresh asked for while one runs joins
 * it rather than sending the requests again; regions added while it runs
 * are loaded with it. Cancelling @cancellable stops the whole refresh. */
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
