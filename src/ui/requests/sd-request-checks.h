/* sd-request-checks.h — what AWS said of each region before the request goes, and what is good to know
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-request.h"
#include "sd-request-check.h"

G_BEGIN_DECLS

/* A section of the request dialog's form page: "Before You Send" (a row
 * per region: where it goes or what stands in the way, with buttons for
 * what can be done), "Readiness for Production Access" and "Good to Know".
 * It asks nothing itself: its buttons emit signals —
 * ::show-case (case id), ::use-service-quotas (region), ::check-again,
 * ::copy-for-support-center (region), ::ask-ses-support and
 * ::create-managed-pool. Hidden while all three groups are. */
#define SD_TYPE_REQUEST_CHECKS (sd_request_checks_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestChecks, sd_request_checks, SD, REQUEST_CHECKS, AdwBin)

/* A spinner row: the regions are being checked. */
void sd_request_checks_show_checking (SdRequestChecks *self);
/* The check could not be made: @message and a Check Again button. */
void sd_request_checks_show_error    (SdRequestChecks *self,
                                      const char      *message);
/* A row per region of @check and its readiness items, for @request. */
void sd_request_checks_show_check    (SdRequestChecks *self,
                                      SdRequest       *request,
                                      SdRequestCheck  *check);
/* Nothing to check (no region yet): the checks and readiness hide. */
void sd_request_checks_clear         (SdRequestChecks *self);
/* Hides "Before You Send" until the check can be made. */
void sd_request_checks_hide_checks   (SdRequestChecks *self);
/* "Good to Know": @request's notices, rebuilt only when they change. */
void sd_request_checks_set_notices   (SdRequestChecks *self,
                                      SdRequest       *request);

G_END_DECLS
