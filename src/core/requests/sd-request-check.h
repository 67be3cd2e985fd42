/* sd-request-check.h — what AWS says before a request is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads only: each region's state (GetAccount), the readiness checklist for
 * production access (ListEmailIdentities, GetEmailIdentity, the suppression
 * list), the quota code and any open quota request (ListServiceQuotas, the
 * quota's request history), the Support codes (DescribeServices). The
 * result says, per region, where the request goes and what stops it, with
 * what the user can do instead.
 */
#pragma once

#include <gio/gio.h>

#include "sd-aws-client.h"
#include "sd-request.h"

G_BEGIN_DECLS

typedef enum {
  SD_READINESS_VERIFIED_IDENTITY,   /* at least one verified identity in the region */
  SD_READINESS_DKIM,                /* DKIM verified for the domains */
  SD_READINESS_SUPPRESSION_LIST,    /* account-level suppression for bounces and complaints */
} SdReadinessKind;

typedef enum {
  SD_READINESS_UNKNOWN,   /* could not be checked (the reason is in the detail) */
  SD_READINESS_DONE,
  SD_READINESS_TO_DO,
} SdReadinessStatus;

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

typedef enum { /*< flags >*/
  SD_REQUEST_CHECK_NONE      = 0,
  SD_REQUEST_CHECK_READINESS = 1 << 0,  /* also the production-access checklist */
} SdRequestCheckFlags;

#define SD_TYPE_READINESS_KIND   (sd_readiness_kind_get_type ())
#define SD_TYPE_READINESS_STATUS (sd_readiness_status_get_type ())
#define SD_TYPE_REQUEST_BLOCKER  (sd_request_blocker_get_type ())
#define SD_TYPE_REQUEST_OFFERS   (sd_request_offers_get_type ())
GType sd_readiness_kind_get_type   (void) G_GNUC_CONST;
GType sd_readiness_status_get_type (void) G_GNUC_CONST;
GType sd_request_blocker_get_type  (void) G_GNUC_CONST;
GType sd_request_offers_get_type   (void) G_GNUC_CONST;

/* One item of the readiness checklist. Properties "region", "kind",
 * "status", "title", "detail" (what is there, or what to do). */
#define SD_TYPE_READINESS_ITEM (sd_readiness_item_get_type ())
G_DECLARE_FINAL_TYPE (SdReadinessItem, sd_readiness_item, SD, READINESS_ITEM, GObject)

const char        *sd_readiness_item_get_region (SdReadinessItem *self);
SdReadinessKind    sd_readiness_item_get_kind   (SdReadinessItem *self);
SdReadinessStatus  sd_readiness_item_get_status (SdReadinessItem *self);
/* "At least one verified identity", translated. */
const char        *sd_readiness_item_get_title  (SdReadinessItem *self);
/* What was found, and when not done what to do, translated. */
const char        *sd_readiness_item_get_detail (SdReadinessItem *self);

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

/* The whole check: one SdRequestTarget per region, and the checklist. */
#define SD_TYPE_REQUEST_CHECK (sd_request_check_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestCheck, sd_request_check, SD, REQUEST_CHECK, GObject)

/* SdRequestTarget, in the request's region order. */
GListModel        *sd_request_check_get_targets    (SdRequestCheck *self);
/* SdReadinessItem, region by region (empty unless asked for and a region is in the sandbox). */
GListModel        *sd_request_check_get_readiness  (SdRequestCheck *self);
SdRequestTarget   *sd_request_check_get_target     (SdRequestCheck *self,
                                                    const char     *region);
/* FALSE when SubscriptionRequiredException said the plan has no Support API access. */
gboolean           sd_request_check_get_support_api (SdRequestCheck *self);
/* TRUE when at least one region can be sent now. */
gboolean           sd_request_check_get_sendable   (SdRequestCheck *self);

/* Checks @request for every one of its regions, concurrently, and records
 * what it learns in @request (region states, quota codes, Support codes,
 * Support API access) so that its routes and preview follow. */
void               sd_request_check_async          (SdAwsClient          *client,
                                                    SdRequest            *request,
                                                    SdRequestCheckFlags   flags,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* The check; NULL only with @error set (cancelled). A region that could not
 * be read carries its own error. */
SdRequestCheck    *sd_request_check_finish         (GAsyncResult         *result,
                                                    GError              **error);

/* Pure parts, for tests. Picks the codes of a question to SES support from
 * a DescribeServices answer: the SES service with a dedicated-IP (or
 * general) category, else general-info; never service-limit-increase,
 * which CreateCase does not take. FALSE when neither is listed. */
gboolean           sd_request_check_pick_support_codes (JsonObject     *services,
                                                        SdRequestKind   kind,
                                                        char          **service_code,
                                                        char          **category_code);
/* The quota code for @limit in a ListServiceQuotas answer (by code, then by
 * name), with its value; the known code when the answer lists neither. */
char              *sd_request_check_pick_quota_code (JsonObject  *quotas,
                                                     SdLimitKind  limit,
                                                     double      *current_value);

G_END_DECLS
