/* sd-sts.c — STS GetCallerIdentity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-sts.h"

/* Callbacks */

static void
on_identity (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = sd_aws_client_send_finish_bytes (SD_AWS_CLIENT (source), result, &error);
  g_autoptr(SdStsIdentity) identity = NULL;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  identity = g_new0 (SdStsIdentity, 1);
  identity->account = sd_aws_xml_find_text_in_bytes (answer, "Account");
  identity->arn = sd_aws_xml_find_text_in_bytes (answer, "Arn");
  identity->user_id = sd_aws_xml_find_text_in_bytes (answer, "UserId");
  if (identity->account == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE, "%s",
                               _("GetCallerIdentity gave no account"));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&identity), (GDestroyNotify) sd_sts_identity_free);
}

/* Public API */

void
sd_sts_identity_free (SdStsIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->account);
  g_free (identity->arn);
  g_free (identity->user_id);
  g_free (identity);
}

void
sd_sts_get_caller_identity_async (SdAwsClient         *client,
                                  const char          *profile,
                                  const char          *region,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  SdAwsCall *call;

  g_return_if_fail (SD_IS_AWS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_sts_get_caller_identity_async);
  if (region == NULL && sd_aws_config_get_region (sd_aws_client_get_config (client), profile) == NULL)
    region = "us-east-1";
  call = sd_aws_call_new (&sd_aws_service_sts, "GetCallerIdentity", profile, region);
  sd_aws_client_send_async (client, call, cancellable, on_identity, task);
}

SdStsIdentity *
sd_sts_get_caller_identity_finish (SdAwsClient   *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
