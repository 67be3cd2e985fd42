/* sd-aws-credential-calls.c — the AWS calls a credential chain needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-credential-calls.h"

G_DEFINE_INTERFACE (SdAwsCredentialCalls, sd_aws_credential_calls, G_TYPE_OBJECT)

static void
sd_aws_credential_calls_default_init (SdAwsCredentialCallsInterface *iface)
{
}

/* Public API */

void
sd_aws_credential_calls_assume_role_async (SdAwsCredentialCalls *self,
                                           const char           *profile,
                                           const char           *region,
                                           const char           *role_arn,
                                           const char           *session_name,
                                           const char           *external_id,
                                           const char           *duration_seconds,
                                           SdAwsCredentials     *source_credentials,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (SD_IS_AWS_CREDENTIAL_CALLS (self));

  SD_AWS_CREDENTIAL_CALLS_GET_IFACE (self)->assume_role_async (self, profile, region, role_arn,
                                                               session_name, external_id,
                                                               duration_seconds, source_credentials,
                                                               cancellable, callback, user_data);
}

SdAwsCredentials *
sd_aws_credential_calls_assume_role_finish (SdAwsCredentialCalls  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_return_val_if_fail (SD_IS_AWS_CREDENTIAL_CALLS (self), NULL);

  return SD_AWS_CREDENTIAL_CALLS_GET_IFACE (self)->assume_role_finish (self, result, error);
}

void
sd_aws_credential_calls_get_role_credentials_async (SdAwsCredentialCalls *self,
                                                    const char           *url,
                                                    const char           *bearer_token,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data)
{
  g_return_if_fail (SD_IS_AWS_CREDENTIAL_CALLS (self));

  SD_AWS_CREDENTIAL_CALLS_GET_IFACE (self)->get_role_credentials_async (self, url, bearer_token,
                                                                        cancellable, callback,
                                                                        user_data);
}

JsonObject *
sd_aws_credential_calls_get_role_credentials_finish (SdAwsCredentialCalls  *self,
                                                     GAsyncResult          *result,
                                                     GError               **error)
{
  g_return_val_if_fail (SD_IS_AWS_CREDENTIAL_CALLS (self), NULL);

  return SD_AWS_CREDENTIAL_CALLS_GET_IFACE (self)->get_role_credentials_finish (self, result, error);
}
