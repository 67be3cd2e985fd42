/* sd-cloudwatch.h — Amazon CloudWatch (JSON 1.0), the operation SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CloudWatch accepts three protocols (the model's "protocols": Smithy RPC v2
 * CBOR, awsJson1_0 and awsQuery); SES Desk speaks awsJson1_0: POST / with
 * X-Amz-Target GraniteServiceVersion20100801.<Operation> and
 * Content-Type application/x-amz-json-1.0. Timestamps are epoch seconds.
 * docs/aws.md says why.
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* GetMetricData with @input as the model shapes it (MetricDataQueries,
 * StartTime, EndTime as epoch seconds, ScanBy, NextToken). A read. */
void        sd_cloudwatch_get_metric_data_async (SdAwsClient         *client,
                                                 const char          *profile,
                                                 const char          *region,
                                                 JsonObject          *input,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The answer's object (MetricDataResults, NextToken, Messages). */
JsonObject *sd_cloudwatch_finish                (SdAwsClient         *client,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
