/* sd-ses.c — Amazon SES API v1 (Query), the operation SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-ses.h"

void
sd_ses_get_send_statistics_async (SdAwsClient         *client,
                                  const char          *profile,
                                  const char          *region,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_ses, "GetSendStatistics", profile, region);

  sd_aws_client_send_async (client, call, cancellable, callback, user_data);
}

GBytes *
sd_ses_finish (SdAwsClient   *client,
               GAsyncResult  *result,
               GError       **error)
{
  return sd_aws_client_send_finish_bytes (client, result, error);
}
