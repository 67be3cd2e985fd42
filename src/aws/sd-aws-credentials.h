/* sd-aws-credentials.h — credentials and the credential chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-config.h"

G_BEGIN_DECLS

/* An immutable, reference-counted set of credentials. Never logged. */
typedef struct _SdAwsCredentials SdAwsCredentials;

#define SD_TYPE_AWS_CREDENTIALS (sd_aws_credentials_get_type ())
GType             sd_aws_credentials_get_type          (void) G_GNUC_CONST;

/* @expiration: unix time in seconds, or 0 for "does not expire".
 * @source: where they came from, for display ("environment", "profile ses-prod", …). */
SdAwsCredentials *sd_aws_credentials_new               (const char *access_key_id,
                                                        const char *secret_access_key,
                                                        const char *session_token,
                                                        gint64      expiration,
                                                        const char *source);
/* sd_aws_credentials_ref: takes a reference. */
SdAwsCredentials *sd_aws_credentials_ref               (SdAwsCredentials *self);
/* sd_aws_credentials_unref: drops a reference; the last one wipes the secrets. */
void              sd_aws_credentials_unref             (SdAwsCredentials *self);
/* sd_aws_credentials_get_access_key_id: the access key id. */
const char       *sd_aws_credentials_get_access_key_id (const SdAwsCredentials *self);
/* sd_aws_credentials_get_secret_access_key: the secret key; never log it. */
const char       *sd_aws_credentials_get_secret_access_key (const SdAwsCredentials *self);
/* sd_aws_credentials_get_session_token: the session token, or NULL. */
const char       *sd_aws_credentials_get_session_token (const SdAwsCredentials *self);
/* sd_aws_credentials_get_expiration: unix seconds, or 0 for never. */
gint64            sd_aws_credentials_get_expiration    (const SdAwsCredentials *self);
/* sd_aws_credentials_get_source: where they came from, for display. */
const char       *sd_aws_credentials_get_source        (const SdAwsCredentials *self);
/* TRUE when they expire within @margin_seconds of @now (unix seconds). */
gboolean          sd_aws_credentials_expires_within    (const SdAwsCredentials *self,
                                                        gint64 now,
                                                        gint64 margin_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsCredentials, sd_aws_credentials_unref)

/* The AWS CLI's chain for one profile, in botocore's order: environment
 * variables (only for the profile chosen by default, as the CLI does),
 * role_arn + source_profile / credential_source (STS AssumeRole), SSO (the
 * AWS CLI's token cache, then GetRoleCredentials), static keys,
 * credential_process. Resolved credentials are cached until 5 minutes before
 * they expire; concurrent requests share one fetch. */
#define SD_TYPE_AWS_CREDENTIAL_PROVIDER (sd_aws_credential_provider_get_type ())
G_DECLARE_FINAL_TYPE (SdAwsCredentialProvider, sd_aws_credential_provider, SD, AWS_CREDENTIAL_PROVIDER, GObject)

typedef struct _SdAwsClient SdAwsClient;

/* @profile: NULL means AWS_PROFILE, else "default"; then the environment's
 * keys are considered first. A named profile ignores the environment's keys,
 * except the default profile's name when the files have no such profile
 * (keys in the environment and no config files at all, as in CI jobs).
 * @client: used for STS AssumeRole (weak reference; may be NULL when no
 * profile needs it). */
SdAwsCredentialProvider *sd_aws_credential_provider_new    (SdAwsConfig *config,
                                                            const char  *profile,
                                                            SdAwsClient *client);
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
