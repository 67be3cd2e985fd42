/* sd-cloudwatch.c — Amazon CloudWatch (JSON 1.0), the operation SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-cloudwatch.h"

void
sd_cloudwatch_get_metric_data_async (SdAwsClient         *client,
                                     const char          *profile,
                                     const char          *region,
                                     JsonObject          *input,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  sd_aws_client_send_json_async (client, &sd_aws_service_cloudwatch, "GetMetricData",
                                 profile, region, FALSE, input, cancellable, callback,
                                 user_data);
}

JsonObject *
sd_cloudwatch_finish (SdAwsClient   *client,
                      GAsyncResult  *result,
                      GError       **error)
{
  return sd_aws_client_send_finish (client, result, error);
}
