/* sd-aws-credential-calls.h — the AWS calls a credential chain needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sd-aws-credentials.h"

G_BEGIN_DECLS

/* What the credential provider asks of whoever talks to AWS (the client):
 * STS AssumeRole and the SSO portal's GetRoleCredentials. The provider
 * knows only this interface, so it does not depend on the client that uses
 * it. */
#define SD_TYPE_AWS_CREDENTIAL_CALLS (sd_aws_credential_calls_get_type ())
G_DECLARE_INTERFACE (SdAwsCredentialCalls, sd_aws_credential_calls, SD, AWS_CREDENTIAL_CALLS, GObject)

struct _SdAwsCredentialCallsInterface
{
  GTypeInterface parent_iface;

  void        (*assume_role_async)           (SdAwsCredentialCalls *self,
                                              const char           *profile,
                                              const char           *region,
                                              const char           *role_arn,
                                              const char           *session_name,
                                              const char           *external_id,
                                              const char           *duration_seconds,
                                              SdAwsCredentials     *source_credentials,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  SdAwsCredentials *(*assume_role_finish)    (SdAwsCredentialCalls *self,
                                              GAsyncResult         *result,
                                              GError              **error);
  void        (*get_role_credentials_async)  (SdAwsCredentialCalls *self,
                                              const char           *url,
                                              const char           *bearer_token,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  JsonObject *(*get_role_credentials_finish) (SdAwsCredentialCalls *self,
                                              GAsyncResult         *result,
                                              GError              **error);
};

/* STS AssumeRole of @role_arn for @profile in @region, signed with
 * @source_credentials; @external_id and @duration_seconds are sent when not
 * NULL. */
void              sd_aws_credential_calls_assume_role_async           (SdAwsCredentialCalls *self,
                                                                       const char           *profile,
                                                                       const char           *region,
                                                                       const char           *role_arn,
                                                                       const char           *session_name,
                                                                       const char           *external_id,
                                                                       const char           *duration_seconds,
                                                                       SdAwsCredentials     *source_credentials,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
/* The role's credentials, their source "role ARN (profile NAME)"; or NULL
 * with @error (in SD_AWS_ERROR, its message naming the role and profile;
 * BAD_RESPONSE when STS answered without complete credentials). */
SdAwsCredentials *sd_aws_credential_calls_assume_role_finish          (SdAwsCredentialCalls *self,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);
/* The SSO portal's GetRoleCredentials at @url (which names the account and
 * role), authenticated with @bearer_token instead of SigV4. */
void              sd_aws_credential_calls_get_role_credentials_async  (SdAwsCredentialCalls *self,
                                                                       const char           *url,
                                                                       const char           *bearer_token,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
/* The JSON answer, or NULL with @error in SD_AWS_ERROR. */
JsonObject       *sd_aws_credential_calls_get_role_credentials_finish (SdAwsCredentialCalls *self,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);

G_END_DECLS
