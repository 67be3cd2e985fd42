/* sd-aws-io.c — reading what other programs send, within limits, and
 * forgetting secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/crypto.h>

#include "sd-aws-io.h"

/* Large enough that a few megabytes take few reads, small enough that a
 * stream passing its limit costs at most this much more. */
#define READ_CHUNK (64 * 1024)

typedef struct
{
  GByteArray *data;
  gsize       limit;
} ReadAll;

static void
read_all_free (gpointer p)
{
  ReadAll *r = p;

  g_clear_pointer (&r->data, g_byte_array_unref);
  g_free (r);
}

/* Callbacks */

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadAll *r = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&r->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (g_bytes_get_size (chunk) > r->limit - r->data->len)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "more than %" G_GSIZE_FORMAT " bytes", r->limit);
      return;
    }
  g_byte_array_append (r->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  cancellable = g_task_get_cancellable (task);
  g_input_stream_read_bytes_async (G_INPUT_STREAM (source),
                                   MIN (READ_CHUNK, r->limit - r->data->len + 1),
                                   G_PRIORITY_DEFAULT, cancellable, on_read, g_steal_pointer (&task));
}

/* Public API */

void
sd_aws_read_all_async (GInputStream        *stream,
                       gsize                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  ReadAll *r;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_aws_read_all_async);
  r = g_new0 (ReadAll, 1);
  r->data = g_byte_array_new ();
  r->limit = limit;
  g_task_set_task_data (task, r, read_all_free);
  /* One byte past the limit tells a stream that is exactly at it from one over it. */
  g_input_stream_read_bytes_async (stream, MIN (READ_CHUNK, limit + 1), G_PRIORITY_DEFAULT,
                                   cancellable, on_read, task);
}

GBytes *
sd_aws_read_all_finish (GInputStream  *stream,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sd_aws_read_all_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sd_aws_wipe (gpointer data,
             gsize    len)
{
  if (data != NULL && len > 0)
    OPENSSL_cleanse (data, len);
}

void
sd_aws_wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  sd_aws_wipe (secret, strlen (secret));
  g_free (secret);
}

void
sd_aws_wipe_bytes_unref (GBytes *bytes)
{
  gsize len = 0;
  gpointer data;

  if (bytes == NULL)
    return;
  /* The data itself when this was the last reference, else a copy. */
  data = g_bytes_unref_to_data (bytes, &len);
  sd_aws_wipe (data, len);
  g_free (data);
}
