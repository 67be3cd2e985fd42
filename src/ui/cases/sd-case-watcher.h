/* sd-case-watcher.h — every account's case list, checked in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sd-aws-client.h"
#include "sd-case-list.h"

G_BEGIN_DECLS

/* One SdCaseList per profile, shared by the cases window and the background
 * check: every "refresh-interval" minutes (GSettings; 0 = off) each list
 * looks for new messages from AWS, and a desktop notification ("AWS
 * answered: …", unless "notifications" is off) opens the case with
 * app.show-case. It also adds the action "app.check-cases" (check every
 * account now). */
#define SD_TYPE_CASE_WATCHER (sd_case_watcher_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseWatcher, sd_case_watcher, SD, CASE_WATCHER, GObject)

/* The application's watcher, created on first use. */
SdCaseWatcher *sd_case_watcher_get_for_application (GApplication *application);
/* Starts the background checks (from the application's startup). */
void           sd_case_watcher_start               (GApplication *application);

/* The profiles, a GListModel of GtkStringObject: the shared files' then
 * those added in the app. */
GListModel    *sd_case_watcher_get_profiles        (SdCaseWatcher *self);
/* Reads the profiles again (after the files or the accounts changed). */
void           sd_case_watcher_reload              (SdCaseWatcher *self);
/* The case list of @profile, created on first use; NULL for an unknown profile. */
SdCaseList    *sd_case_watcher_get_list            (SdCaseWatcher *self,
                                                    const char    *profile);
/* The region of @profile in the shared files, or NULL. */
const char    *sd_case_watcher_get_profile_region  (SdCaseWatcher *self,
                                                    const char    *profile);
/* Looks for the cases @profile's requests opened (review, quota requests)
 * in every SES region, once per session. */
void           sd_case_watcher_discover_known      (SdCaseWatcher *self,
                                                    const char    *profile);
/* Checks every profile for new messages now. */
void           sd_case_watcher_check_now           (SdCaseWatcher *self);
/* The case on screen: no notification about it; its earlier one is withdrawn. */
void           sd_case_watcher_set_shown_case      (SdCaseWatcher *self,
                                                    const char    *profile,
                                                    const char    *case_id);

G_END_DECLS
