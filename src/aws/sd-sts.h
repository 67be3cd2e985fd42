/* sd-sts.h — STS GetCallerIdentity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"

G_BEGIN_DECLS

/* Who a profile signs in as. */
typedef struct {
  char *account;  /* 12 digits */
  char *arn;
  char *user_id;
} SdStsIdentity;

/* Frees an identity. */
void           sd_sts_identity_free              (SdStsIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdStsIdentity, sd_sts_identity_free)

/* STS GetCallerIdentity for @profile in @region (NULL: the profile's, or
 * us-east-1 when it has none). */
void           sd_sts_get_caller_identity_async  (SdAwsClient         *client,
                                                  const char          *profile,
                                                  const char          *region,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The identity, or NULL with @error (SD_AWS_ERROR_BAD_RESPONSE without an Account). */
SdStsIdentity *sd_sts_get_caller_identity_finish (SdAwsClient   *client,
                                                  GAsyncResult  *result,
                                                  GError       **error);

G_END_DECLS
