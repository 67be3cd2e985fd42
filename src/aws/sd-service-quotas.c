/* sd-service-quotas.c — Service Quotas (JSON 1.1), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-service-quotas.h"

void
sd_service_quotas_list_service_quotas_async (SdAwsClient         *client, const char *profile, const char *region,
                                             JsonObject          *input, GCancellable *cancellable,
                                             GAsyncReadyCallback  callback, gpointer user_data)
{
  sd_aws_client_send_json_async (client, &sd_aws_service_service_quotas, "ListServiceQuotas",
                                 profile, region, FALSE, input, cancellable, callback,
                                 user_data);
}

void
sd_service_quotas_get_requested_change_async (SdAwsClient         *client, const char *profile, const char *region,
                                              JsonObject          *input, GCancellable *cancellable,
                                              GAsyncReadyCallback  callback, gpointer user_data)
{
  sd_aws_client_send_json_async (client, &sd_aws_service_service_quotas, "GetRequestedServiceQuotaChange",
                                 profile, region, FALSE, input, cancellable, callback,
                                 user_data);
}

void
sd_service_quotas_list_change_history_by_quota_async (SdAwsClient         *client, const char *profile,
                                                      const char          *region, JsonObject *input,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback, gpointer user_data)
{
  sd_aws_client_send_json_async (client, &sd_aws_service_service_quotas, "ListRequestedServiceQuotaChangeHistoryByQuota",
                                 profile, region, FALSE, input, cancellable, callback,
                                 user_data);
}

void
sd_service_quotas_request_increase_async (SdAwsClient         *client, const char *profile, const char *region,
                                          JsonObject          *input, GCancellable *cancellable,
                                          GAsyncReadyCallback  callback, gpointer user_data)
{
  sd_aws_client_send_json_async (client, &sd_aws_service_service_quotas, "RequestServiceQuotaIncrease",
                                 profile, region, TRUE, input, cancellable, callback,
                                 user_data);
}

JsonObject *
sd_service_quotas_finish (SdAwsClient   *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  return sd_aws_client_send_finish (client, result, error);
}
