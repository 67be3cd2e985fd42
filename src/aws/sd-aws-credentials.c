/* sd-aws-credentials.c — a set of AWS credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-credentials.h"
#include "sd-aws-io.h"

/* Credentials */

struct _SdAwsCredentials
{
  grefcount  ref_count;
  char      *access_key_id;
  char      *secret_access_key;
  char      *session_token;
  gint64     expiration;
  char      *source;
};

G_DEFINE_BOXED_TYPE (SdAwsCredentials, sd_aws_credentials,
                     sd_aws_credentials_ref, sd_aws_credentials_unref)

SdAwsCredentials *
sd_aws_credentials_new (const char *access_key_id,
                        const char *secret_access_key,
                        const char *session_token,
                        gint64      expiration,
                        const char *source)
{
  SdAwsCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  self = g_new0 (SdAwsCredentials, 1);
  g_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = session_token != NULL && *session_token != '\0' ? g_strdup (session_token) : NULL;
  self->expiration = expiration;
  self->source = g_strdup (source);
  return self;
}

SdAwsCredentials *
sd_aws_credentials_ref (SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
sd_aws_credentials_unref (SdAwsCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_free (self->access_key_id);
  /* Secrets do not linger in freed memory. */
  sd_aws_wipe_free (self->secret_access_key);
  sd_aws_wipe_free (self->session_token);
  g_free (self->source);
  g_free (self);
}

const char *
sd_aws_credentials_get_access_key_id (const SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key_id;
}

const char *
sd_aws_credentials_get_secret_access_key (const SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->secret_access_key;
}

const char *
sd_aws_credentials_get_session_token (const SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_token;
}

gint64
sd_aws_credentials_get_expiration (const SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expiration;
}

const char *
sd_aws_credentials_get_source (const SdAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

gboolean
sd_aws_credentials_expires_within (const SdAwsCredentials *self,
                                   gint64                  now,
                                   gint64                  margin_seconds)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->expiration == 0)
    return FALSE;
  return self->expiration - margin_seconds <= now;
}
