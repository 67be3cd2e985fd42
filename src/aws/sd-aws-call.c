/* sd-aws-call.c — one AWS call as its caller builds it: operation,
 * profile, region, parameters, body, and what the client needs to know of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sd-aws-client.h"
#include "sd-aws-client-private.h"
#include "sd-aws-io.h"

const char *
sd_aws_call_get_label (const SdAwsCall *call)
{
  return call->service != NULL ? call->service->service_id : call->label;
}

gsize
sd_aws_call_get_answer_limit (const SdAwsCall *call)
{
  return call->answer_limit > 0 ? call->answer_limit : SD_AWS_ANSWER_LIMIT;
}

const char *
sd_aws_call_get_iam_prefix (const SdAwsCall *call)
{
  return call->service != NULL ? call->service->signing_name : call->iam_prefix;
}

SdAwsCall *
sd_aws_call_new (const SdAwsService *service,
                 const char         *operation,
                 const char         *profile,
                 const char         *region)
{
  SdAwsCall *call;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  call = g_new0 (SdAwsCall, 1);
  call->service = service;
  call->operation = g_strdup (operation);
  call->profile = g_strdup (profile);
  call->region = g_strdup (region);
  call->params = g_ptr_array_new_with_free_func (g_free);
  return call;
}

SdAwsCall *
sd_aws_call_new_unsigned (const char *label,
                          const char *iam_prefix,
                          const char *operation,
                          const char *url)
{
  SdAwsCall *call;

  g_return_val_if_fail (url != NULL, NULL);

  call = g_new0 (SdAwsCall, 1);
  call->operation = g_strdup (operation);
  call->url = g_strdup (url);
  call->label = g_strdup (label);
  call->iam_prefix = g_strdup (iam_prefix);
  call->params = g_ptr_array_new_with_free_func (g_free);
  /* They may carry a bearer token. */
  call->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_aws_wipe_free);
  return call;
}

void
sd_aws_call_add_header (SdAwsCall  *call,
                        const char *name,
                        const char *value)
{
  g_return_if_fail (call != NULL && call->headers != NULL);

  g_ptr_array_add (call->headers, g_strdup (name));
  g_ptr_array_add (call->headers, g_strdup (value));
}

void
sd_aws_call_free (SdAwsCall *call)
{
  if (call == NULL)
    return;

  g_free (call->operation);
  g_free (call->profile);
  g_free (call->region);
  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->params, g_ptr_array_unref);
  g_clear_pointer (&call->body, json_object_unref);
  g_clear_pointer (&call->credentials, sd_aws_credentials_unref);
  g_free (call->url);
  g_free (call->label);
  g_free (call->iam_prefix);
  g_clear_pointer (&call->headers, g_ptr_array_unref);
  g_free (call);
}

void
sd_aws_call_set_answer_limit (SdAwsCall *call,
                              gsize      bytes)
{
  g_return_if_fail (call != NULL);
  call->answer_limit = bytes;
}

void
sd_aws_call_set_write (SdAwsCall *call,
                       gboolean   is_write)
{
  g_return_if_fail (call != NULL);
  call->is_write = !!is_write;
}

void
sd_aws_call_set_http (SdAwsCall  *call,
                      const char *method,
                      const char *path)
{
  g_return_if_fail (call != NULL);

  g_free (call->method);
  g_free (call->path);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
}

void
sd_aws_call_add_param (SdAwsCall  *call,
                       const char *name,
                       const char *value)
{
  g_return_if_fail (call != NULL);
  g_return_if_fail (name != NULL);

  g_ptr_array_add (call->params, g_strdup (name));
  g_ptr_array_add (call->params, g_strdup (value != NULL ? value : ""));
}

void
sd_aws_call_set_json_body (SdAwsCall  *call,
                           JsonObject *body)
{
  g_return_if_fail (call != NULL);

  g_clear_pointer (&call->body, json_object_unref);
  call->body = body != NULL ? json_object_ref (body) : NULL;
}

void
sd_aws_call_set_credentials (SdAwsCall        *call,
                             SdAwsCredentials *credentials)
{
  g_return_if_fail (call != NULL);

  g_clear_pointer (&call->credentials, sd_aws_credentials_unref);
  call->credentials = credentials != NULL ? sd_aws_credentials_ref (credentials) : NULL;
}
