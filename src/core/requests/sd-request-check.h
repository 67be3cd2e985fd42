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
#include "sd-readiness-item.h"
#include "sd-request.h"
#include "sd-request-target.h"

G_BEGIN_DECLS

typedef enum { /*< flags >*/
  SD_REQUEST_CHECK_NONE      = 0,
  SD_REQUEST_CHECK_READINESS = 1 << 0,  /* also the production-access checklist */
} SdRequestCheckFlags;

/* The whole check: one SdRequestTarget per region, and the checklist. */
#define SD_TYPE_REQUEST_CHECK (sd_request_check_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestCheck, sd_request_check, SD, REQUEST_CHECK, GObject)

/* SdRequestTarget, in the request's region order. */
GListModel        *sd_request_check_get_targets    (SdRequestCheck *self);
/* SdReadinessItem, region by region (empty unless asked for and a region is in the sandbox). */
GListModel        *sd_request_check_get_readiness  (SdRequestCheck *self);
/* The target of @region, or NULL. */
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
