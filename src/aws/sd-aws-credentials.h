/* sd-aws-credentials.h — a set of AWS credentials
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

G_END_DECLS
