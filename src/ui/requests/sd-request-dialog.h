/* sd-request-dialog.h — request dedicated IPs, release them, leave the sandbox or raise limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for the three requests of docs/ses-guide.md: the checks AWS allows
 * before sending (review pending or denied, an open quota request, no
 * Support API access) with what to do instead, the readiness checklist for
 * production access, the notices (cost, the managed pool, the contact
 * language), the form, a preview of exactly what will go out, and the send
 * through the outbox with each region's outcome. The draft is saved as the
 * user types and offered again when the dialog is opened after a crash.
 */
#pragma once

#include <adwaita.h>

#include "sd-region-status.h"
#include "sd-request.h"

G_BEGIN_DECLS

#define SD_TYPE_REQUEST_DIALOG (sd_request_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestDialog, sd_request_dialog, SD, REQUEST_DIALOG, AdwWindow)

/* Opens a new @kind request for @status's region and profile over @from's
 * window, offering to continue an unsent draft of the same request. With
 * @release_ips (nullable), those addresses are picked for release. */
void             sd_request_dialog_present         (GtkWidget          *from,
                                                    SdRequestKind       kind,
                                                    SdRegionStatus     *status,
                                                    const char * const *release_ips);
/* Opens @request (a draft, or a request to send again) over @from's window. */
void             sd_request_dialog_present_request (GtkWidget          *from,
                                                    SdRequest          *request);
SdRequest       *sd_request_dialog_get_request     (SdRequestDialog    *self);

G_END_DECLS
