/* sd-ses.h — Amazon SES API v1 (Query), the operation SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* GetSendStatistics: the last two weeks of sending in 15-minute data points
 * (DeliveryAttempts, Bounces, Complaints, Rejects, Timestamp). A read. */
void        sd_ses_get_send_statistics_async (SdAwsClient         *client,
                                              const char          *profile,
                                              const char          *region,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* The answer's XML. */
GBytes     *sd_ses_finish                    (SdAwsClient         *client,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
