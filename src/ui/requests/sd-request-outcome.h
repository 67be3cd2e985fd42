/* sd-request-outcome.h — how a request's send came out: an icon or a spinner, a title, a description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A section of the request dialog's result page: a spinner while the
 * request is being sent, then an icon in the outcome's color, a title and
 * a description. */
#define SD_TYPE_REQUEST_OUTCOME (sd_request_outcome_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestOutcome, sd_request_outcome, SD, REQUEST_OUTCOME, AdwBin)

/* Shows @title and @description (plain text) under @icon_name, colored by
 * the icon (emblem-ok: success, dialog-warning: warning, dialog-error:
 * error, others: accent); @icon_name NULL shows a spinner instead. */
void sd_request_outcome_set (SdRequestOutcome *self,
                             const char       *icon_name,
                             const char       *title,
                             const char       *description);
/* Shows how @entries (this request's SdOutboxEntry items, nullable) stand:
 * @sending while they are being sent, @support_api whether the account
 * has AWS Support API access. */
void sd_request_outcome_show_entries (SdRequestOutcome *self,
                                      GListModel       *entries,
                                      gboolean          sending,
                                      gboolean          support_api);

G_END_DECLS
