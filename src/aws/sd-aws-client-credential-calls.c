/* sd-aws-client-credential-calls.c — the client making the calls of the credential chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-aws-client.h"
#include "sd-aws-client-private.h"
#include "sd-aws-credential-calls.h"
#include "sd-aws-error.h"
#include "sd-aws-io.h"
#include "sd-aws-json.h"

/* Whose role an AssumeRole asks for, for the answer's messages and label. */
typedef struct
{
  char *profile;
  char *role_arn;
} AssumeRole;

static void
assume_role_free (gpointer data)
{
  AssumeRole *a = data;

  g_free (a->profile);
  g_free (a->role_arn);
  g_free (a);
}

/* Callbacks */

static void
on_assume_role_done (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AssumeRole *r = g_task_get_task_data (task);
  g_autoptr(SdAwsSecretBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *akid = NULL;
  g_autoptr(SdAwsSecret) secret = NULL;
  g_autoptr(SdAwsSecret) token = NULL;
  g_autofree char *expiration_text = NULL;
  g_autofree char *source_label = NULL;
  gint64 expiration = 0;

  bytes = sd_aws_client_send_finish_bytes (SD_AWS_CLIENT (source), res, &error);
  if (bytes == NULL)
    {
      if (error->domain == SD_AWS_ERROR)
        g_prefix_error (&error, _("Could not assume role %s for profile “%s”: "),
                        r->role_arn, r->profile);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  akid = sd_aws_xml_find_text_in_bytes (bytes, "AccessKeyId");
  secret = sd_aws_xml_find_text_in_bytes (bytes, "SecretAccessKey");
  token = sd_aws_xml_find_text_in_bytes (bytes, "SessionToken");
  expiration_text = sd_aws_xml_find_text_in_bytes (bytes, "Expiration");

  if (akid == NULL || secret == NULL || token == NULL ||
      expiration_text == NULL || !sd_aws_parse_iso8601 (expiration_text, &expiration))
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE,
                               _("STS answered AssumeRole of %s (profile “%s”) without complete "
                                 "credentials."), r->role_arn, r->profile);
      return;
    }

  source_label = g_strdup_printf ("role %s (profile %s)", r->role_arn, r->profile);
  g_task_return_pointer (task, sd_aws_credentials_new (akid, secret, token, expiration, source_label),
                         (GDestroyNotify) sd_aws_credentials_unref);
}

/* SdAwsCredentialCalls */

static void
assume_role_async (SdAwsCredentialCalls *calls,
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
  SdAwsCall *call = sd_aws_call_new (&sd_aws_service_sts, "AssumeRole", profile, region);
  GTask *task = g_task_new (calls, cancellable, callback, user_data);
  AssumeRole *r = g_new0 (AssumeRole, 1);

  g_task_set_source_tag (task, assume_role_async);
  r->profile = g_strdup (profile);
  r->role_arn = g_strdup (role_arn);
  g_task_set_task_data (task, r, assume_role_free);
  sd_aws_call_add_param (call, "RoleArn", role_arn);
  sd_aws_call_add_param (call, "RoleSessionName", session_name);
  if (external_id != NULL)
    sd_aws_call_add_param (call, "ExternalId", external_id);
  if (duration_seconds != NULL)
    sd_aws_call_add_param (call, "DurationSeconds", duration_seconds);
  sd_aws_call_set_credentials (call, source_credentials);
  sd_aws_client_send_async (SD_AWS_CLIENT (calls), call, cancellable, on_assume_role_done, task);
}

static SdAwsCredentials *
assume_role_finish (SdAwsCredentialCalls  *calls,
                    GAsyncResult          *result,
                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, calls), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_role_credentials_async (SdAwsCredentialCalls *calls,
                            const char           *url,
                            const char           *bearer_token,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  SdAwsCall *call = sd_aws_call_new_unsigned ("SSO", "sso", "GetRoleCredentials", url);

  sd_aws_call_add_header (call, "x-amz-sso_bearer_token", bearer_token);
  sd_aws_client_send_async (SD_AWS_CLIENT (calls), call, cancellable, callback, user_data);
}

static JsonObject *
get_role_credentials_finish (SdAwsCredentialCalls  *calls,
                             GAsyncResult          *result,
                             GError               **error)
{
  return sd_aws_client_send_finish (SD_AWS_CLIENT (calls), result, error);
}

void
sd_aws_client_credential_calls_init (SdAwsCredentialCallsInterface *iface)
{
  iface->assume_role_async = assume_role_async;
  iface->assume_role_finish = assume_role_finish;
  iface->get_role_credentials_async = get_role_credentials_async;
  iface->get_role_credentials_finish = get_role_credentials_finish;
}
