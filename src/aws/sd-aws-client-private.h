/* sd-aws-client-private.h — what only src/aws sees of the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* An unsigned GET of @url answered with JSON (SSO GetRoleCredentials, which
 * authenticates with a bearer token instead of SigV4). @label and @iam_prefix
 * name the service in error messages ("SSO", "sso"). Retried as a read;
 * finish with sd_aws_client_send_finish(). */
SdAwsCall *sd_aws_call_new_unsigned (const char *label,
                                     const char *iam_prefix,
                                     const char *operation,
                                     const char *url);
/* A header sent as is, never logged (it may carry a bearer token). */
void       sd_aws_call_add_header   (SdAwsCall  *call,
                                     const char *name,
                                     const char *value);


G_END_DECLS
