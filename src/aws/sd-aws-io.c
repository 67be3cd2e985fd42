/* sd-aws-io.c — reading what other programs send, within limits, and
 * forgetting secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/crypto.h>

#include "sd-aws-io.h"

/* The first room for what is read: an AWS answer of a few kilobytes fits
 * in it; more doubles it. */
#define FIRST_ROOM (8 * 1024)

typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   room;
  gsize   limit;
} ReadAll;

static void
read_all_free (gpointer p)
{
  ReadAll *r = p;

  /* What was read may be a secret (a credential process's output). */
  sd_aws_wipe (r->data, r->len);
  g_free (r->data);
  g_free (r);
}

static void read_more (GTask *task);

/* Room for at least one more byte, up to one past the limit: one byte past
 * it tells a stream that is exactly at the limit from one over it. Returns
 * how many bytes may be read now. */
static gsize
make_room (ReadAll *r)
{
  gsize most = r->limit + 1;

  if (r->len == r->room)
    {
      gsize room = MIN (MAX (r->room * 2, FIRST_ROOM), most);
      guint8 *data = g_malloc (room);

      /* Grown by hand rather than realloc'd: the old copy is wiped. */
      if (r->len > 0)
        memcpy (data, r->data, r->len);
      sd_aws_wipe (r->data, r->len);
      g_free (r->data);
      r->data = data;
      r->room = room;
    }
  return r->room - r->len;
}

/* Counts @n bytes read; FALSE (and @task returned) once past the limit or
 * at the end. */
static gboolean
took (GTask  *task,
      gssize  n)
{
  ReadAll *r = g_task_get_task_data (task);

  if (n == 0)
    {
      GBytes *bytes = g_bytes_new_take (g_steal_pointer (&r->data), r->len);

      r->len = r->room = 0;
      g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
      return FALSE;
    }
  r->len += (gsize) n;
  if (r->len > r->limit)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "more than %" G_GSIZE_FORMAT " bytes", r->limit);
      return FALSE;
    }
  return TRUE;
}

/* Callbacks */

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &error);

  if (n < 0)
    g_task_return_error (task, error);
  else if (took (task, n))
    read_more (g_steal_pointer (&task));
}

static gboolean
on_readable (GObject  *stream,
             gpointer  user_data)
{
  read_more (g_object_ref (user_data));
  return G_SOURCE_REMOVE;
}

/* Reads what is there without waiting (most answers have arrived whole with
 * their headers), then waits for more: no task and no pass of the main loop
 * a chunk. Takes @task's reference. */
static void
read_more (GTask *task)
{
  GInputStream *stream = g_task_get_source_object (task);
  ReadAll *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (G_IS_POLLABLE_INPUT_STREAM (stream) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (stream)))
    {
      GPollableInputStream *pollable = G_POLLABLE_INPUT_STREAM (stream);

      for (;;)
        {
          GError *error = NULL;
          gsize want = make_room (r);
          gssize n = g_pollable_input_stream_read_nonblocking (pollable, r->data + r->len, want,
                                                               cancellable, &error);

          if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_autoptr(GSource) source = g_pollable_input_stream_create_source (pollable,
                                                                                 cancellable);

              g_error_free (error);
              g_task_attach_source (task, source, G_SOURCE_FUNC (on_readable));
              g_object_unref (task);
              return;
            }
          if (n < 0)
            {
              g_task_return_error (task, error);
              break;
            }
          if (!took (task, n))
            break;
        }
      g_object_unref (task);
      return;
    }
  g_input_stream_read_async (stream, r->data + r->len, make_room (r), G_PRIORITY_DEFAULT,
                             cancellable, on_read, task);
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
  r->limit = limit;
  g_task_set_task_data (task, r, read_all_free);
  read_more (task);
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
