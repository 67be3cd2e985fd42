/* sd-aws-credential-provider.h — the credential chain of one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-config.h"
#include "sd-aws-credential-calls.h"
#include "sd-aws-credentials.h"

G_BEGIN_DECLS

/* The AWS CLI's chain for one profile, in botocore's order: environment
 * variables (only for the profile chosen by default, as the CLI does),
 * role_arn + source_profile / credential_source (STS AssumeRole), SSO (the
 * AWS CLI's token cache, then GetRoleCredentials), static keys,
 * credential_process. Resolved credentials are cached until 5 minutes before
 * they expire; concurrent requests share one fetch. */
#define SD_TYPE_AWS_CREDENTIAL_PROVIDER (sd_aws_credential_provider_get_type ())
G_DECLARE_FINAL_TYPE (SdAwsCredentialProvider, sd_aws_credential_provider, SD, AWS_CREDENTIAL_PROVIDER, GObject)

/* @profile: NULL means AWS_PROFILE, else "default"; then the environment's
 * keys are considered first. A named profile ignores the environment's keys,
 * except the default profile's name when the files have no such profile
 * (keys in the environment and no config files at all, as in CI jobs).
 * @calls: makes the STS AssumeRole and SSO GetRoleCredentials calls (the
 * client; weak reference; may be NULL when no profile needs them). */
SdAwsCredentialProvider *sd_aws_credential_provider_new    (SdAwsConfig          *config,
                                                            const char           *profile,
                                                            SdAwsCredentialCalls *calls);
/* sd_aws_credential_provider_get_profile: the profile whose chain this is. */
const char              *sd_aws_credential_provider_get_profile (SdAwsCredentialProvider *self);
/* Whether AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set. */
gboolean                 sd_aws_credentials_in_environment (void);
/* sd_aws_credential_provider_get_async: credentials, cached or fetched (one fetch at a time). */
void                     sd_aws_credential_provider_get_async  (SdAwsCredentialProvider *self,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
/* sd_aws_credential_provider_get_finish: the credentials, or NULL with @error. */
SdAwsCredentials        *sd_aws_credential_provider_get_finish (SdAwsCredentialProvider *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
/* A clock in unix seconds. */
typedef gint64 (*SdAwsClockFunc) (gpointer user_data);
/* For tests: the clock cached credentials' expiry is compared with (NULL:
 * the real time), so that a refresh before expiry can be checked without
 * waiting for it. */
void                     sd_aws_credential_provider_set_clock  (SdAwsCredentialProvider *self,
                                                                SdAwsClockFunc           clock,
                                                                gpointer                 user_data);
/* Forget cached credentials (after the server rejected them). */
void                     sd_aws_credential_provider_invalidate (SdAwsCredentialProvider *self);

G_END_DECLS
