/* sd-request-target.h — one region of a checked request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sd-request.h"

G_BEGIN_DECLS

/* What stops one region's request from being sent now. */
typedef enum {
  SD_REQUEST_BLOCKER_NONE,
  SD_REQUEST_BLOCKER_REVIEW_PENDING,     /* a review is under way: no second request */
  SD_REQUEST_BLOCKER_REVIEW_DENIED,      /* SES answers ConflictException now */
  SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN, /* Service Quotas allows one open request per quota */
  SD_REQUEST_BLOCKER_ALREADY_AT_VALUE,   /* the region already has what is asked */
  SD_REQUEST_BLOCKER_NO_SUPPORT_API,     /* SubscriptionRequiredException: by hand instead */
  SD_REQUEST_BLOCKER_CHECK_FAILED,       /* the region could not be read */
} SdRequestBlocker;

/* What the user can do instead (or as well). */
typedef enum { /*< flags >*/
  SD_REQUEST_OFFER_NONE              = 0,
  SD_REQUEST_OFFER_REPLY_ON_CASE     = 1 << 0,  /* add information to the review case */
  SD_REQUEST_OFFER_SERVICE_QUOTAS    = 1 << 1,  /* sd_request_set_use_service_quotas() */
  SD_REQUEST_OFFER_SEND_AGAIN        = 1 << 2,  /* the last attempt never reached AWS */
  SD_REQUEST_OFFER_SUPPORT_CENTER    = 1 << 3,  /* copy the text, open the Support Center */
  SD_REQUEST_OFFER_SHOW_OPEN_REQUEST = 1 << 4,  /* the open quota request instead */
} SdRequestOffers;

#define SD_TYPE_REQUEST_BLOCKER  (sd_request_blocker_get_type ())
#define SD_TYPE_REQUEST_OFFERS   (sd_request_offers_get_type ())
GType sd_request_blocker_get_type  (void) G_GNUC_CONST;
GType sd_request_offers_get_type   (void) G_GNUC_CONST;

/* One region of a checked request. Properties "region", "state", "route",
 * "route-label", "blocker", "message", "offers", "review-case-id",
 * "quota-code", "current-value", "open-request-id", "open-request-status",
 * "open-request-case-id", "open-request-value". */
#define SD_TYPE_REQUEST_TARGET (sd_request_target_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestTarget, sd_request_target, SD, REQUEST_TARGET, GObject)

const char        *sd_request_target_get_region              (SdRequestTarget *self);
SdSandboxState     sd_request_target_get_state               (SdRequestTarget *self);
SdRequestRoute     sd_request_target_get_route               (SdRequestTarget *self);
const char        *sd_request_target_get_route_label         (SdRequestTarget *self);
SdRequestBlocker   sd_request_target_get_blocker             (SdRequestTarget *self);
/* What stops the request and what to do, or a note (review failed…);
 * translated; NULL when there is nothing to say. */
const char        *sd_request_target_get_message             (SdRequestTarget *self);
SdRequestOffers    sd_request_target_get_offers              (SdRequestTarget *self);
/* The production-access review's case (GetAccount ReviewDetails.CaseId). */
const char        *sd_request_target_get_review_case_id      (SdRequestTarget *self);
const char        *sd_request_target_get_quota_code          (SdRequestTarget *self);
/* The quota's value now (−1 unlimited, 0 unknown). */
double             sd_request_target_get_current_value       (SdRequestTarget *self);
/* The open quota request, when there is one (else NULL / 0). */
const char        *sd_request_target_get_open_request_id     (SdRequestTarget *self);
const char        *sd_request_target_get_open_request_status (SdRequestTarget *self);
const char        *sd_request_target_get_open_request_case_id (SdRequestTarget *self);
double             sd_request_target_get_open_request_value  (SdRequestTarget *self);
/* Ids of the quota's requests seen before sending (for reconciling). */
const char * const *sd_request_target_get_known_request_ids  (SdRequestTarget *self);
/* Why the region could not be read (CHECK_FAILED), else NULL. */
const GError      *sd_request_target_get_error               (SdRequestTarget *self);

G_END_DECLS
