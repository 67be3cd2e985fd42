/* sd-request-manager.h — the application's outbox and drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per application: owns the SdOutbox (requests sent at most once) and
 * the SdDraftStore (requests saved as the user types), follows the main
 * window's AWS client and dashboard, reconciles unfinished sends at start,
 * refreshes the dashboard when AWS accepted something for a region, keeps
 * the application running while a send is in flight, and flushes the
 * drafts and closes the outbox on quit.
 */
#pragma once

#include <adwaita.h>

#include "sd-aws-client.h"
#include "sd-draft-store.h"
#include "sd-outbox.h"
#include "sd-region-status.h"

G_BEGIN_DECLS

#define SD_TYPE_REQUEST_MANAGER (sd_request_manager_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestManager, sd_request_manager, SD, REQUEST_MANAGER, GObject)

/* The manager of @application, made on first use (installs "app.requests"). */
SdRequestManager *sd_request_manager_get            (GtkApplication   *application);
/* The manager of the application @widget's window belongs to, or NULL. */
SdRequestManager *sd_request_manager_from_widget    (GtkWidget        *widget);
/* The main window's client and its dashboard's regions (SdRegionStatus):
 * the outbox sends with @client; the dialogs learn the regions' state from
 * @regions. Called again whenever the window makes a new client. */
void              sd_request_manager_set_dashboard  (SdRequestManager *self,
                                                     SdAwsClient      *client,
                                                     GListModel       *regions);
/* The support language a new request starts with ("en", "ja", "zh", "ko"):
 * the "support-language" setting, "auto" following the UI language. */
const char       *sd_request_manager_get_support_language (SdRequestManager *self);
/* NULL until the window has made its client. */
SdAwsClient      *sd_request_manager_get_client     (SdRequestManager *self);
/* NULL until the window has made its client. */
SdOutbox         *sd_request_manager_get_outbox     (SdRequestManager *self);
SdDraftStore     *sd_request_manager_get_drafts     (SdRequestManager *self);
/* Every outbox entry (SdOutboxEntry), newest first; the same model for
 * the application's whole life, whatever the outbox behind it. */
GListModel       *sd_request_manager_get_entries    (SdRequestManager *self);
/* The dashboard's regions (SdRegionStatus), or NULL. */
GListModel       *sd_request_manager_get_regions    (SdRequestManager *self);
/* The dashboard's status of @profile's @region, or NULL. */
SdRegionStatus   *sd_request_manager_find_region    (SdRequestManager *self,
                                                     const char       *profile,
                                                     const char       *region);
/* Why the journal could not be read at start (it was kept aside), or NULL. */
const char       *sd_request_manager_get_journal_problem (SdRequestManager *self);
/* Loads the dashboard again soon (after AWS accepted something). */
void              sd_request_manager_schedule_refresh (SdRequestManager *self);

G_END_DECLS
