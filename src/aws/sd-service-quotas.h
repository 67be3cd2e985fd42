/* sd-service-quotas.h — Service Quotas (JSON 1.1), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* SES's quota codes, as public documentation gives them; confirm with
 * ListServiceQuotas (ServiceCode "ses") and fall back to these. */
#define SD_SES_QUOTA_SENDING_QUOTA "L-804C8AE8"  /* per 24 hours */
#define SD_SES_QUOTA_SENDING_RATE  "L-CDEF9B6B"  /* per second */

/* Inputs are the operation's input object as the model shapes it; answers
 * its output object. Finish with sd_service_quotas_finish(). */
void        sd_service_quotas_list_service_quotas_async (SdAwsClient *client, const char *profile,
                                                         const char *region, JsonObject *input,
                                                         GCancellable *cancellable,
                                                         GAsyncReadyCallback callback, gpointer user_data);
/* Starts GetRequestedServiceQuotaChange. */
void        sd_service_quotas_get_requested_change_async (SdAwsClient *client, const char *profile,
                                                          const char *region, JsonObject *input,
                                                          GCancellable *cancellable,
                                                          GAsyncReadyCallback callback, gpointer user_data);
/* Starts ListRequestedServiceQuotaChangeHistoryByQuota. */
void        sd_service_quotas_list_change_history_by_quota_async (SdAwsClient *client, const char *profile,
                                                                  const char *region, JsonObject *input,
                                                                  GCancellable *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer user_data);
/* A write: never retried. */
void        sd_service_quotas_request_increase_async    (SdAwsClient *client, const char *profile,
                                                         const char *region, JsonObject *input,
                                                         GCancellable *cancellable,
                                                         GAsyncReadyCallback callback, gpointer user_data);
/* Finishes any Service Quotas call: the operation's output object. */
JsonObject *sd_service_quotas_finish                    (SdAwsClient   *client,
                                                         GAsyncResult  *result,
                                                         GError       **error);

G_END_DECLS
