/* sd-case-thread.c — one case's conversation, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-aws-pages.h"
#include "sd-case-thread.h"
#include "sd-case-thread-journal.h"
#include "sd-support.h"
#include "sd-safe-text.h"

#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGES 1000
/* DescribeAttachment's data decoded: attachments are at most 5 MB; leave room. */
#define MAX_ATTACHMENT_BYTES (32 * 1024 * 1024)
/* How long to wait after an ambiguous failure before reading the thread:
 * a request cut off in flight may still be completing at AWS. */
#define RECONCILE_DELAY_MS 1500
/* An attachment set this close to its expiry is uploaded again. */
#define SET_EXPIRY_MARGIN_S 120
/* How long a reply that left no trace in the thread may still arrive. */
#define DEFAULT_SETTLE_MS 30000

struct _SdCaseThread {
  GObject        parent_instance;

  SdAwsClient   *client;        /* owned */
  char          *profile;       /* owned, nullable */
  char          *case_id;       /* owned: as given (case id or display id) */
  SdCase        *case_;         /* owned */
  SdCaseCache   *cache;         /* owned */
  GPtrArray     *items;         /* owned, SdCommunication, oldest first */
  SdThreadOrder  order;
  guint          page_size;
  gboolean       offline;
  gboolean       partial;
  GError        *error;         /* owned, nullable */
  gint64         updated;
  SdReplyState   reply_state;
  guint          settle_ms;
  GList         *refresh_tasks; /* GTask */
  GTask         *reply_task;    /* the reply being sent, not owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdCaseThread, sd_case_thread, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_CASE_ID,
  PROP_CASE,
  PROP_ORDER,
  PROP_LOADING,
  PROP_OFFLINE,
  PROP_PARTIAL,
  PROP_ERROR,
  PROP_UPDATED,
  PROP_REPLY_STATE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  JsonObject *details;        /* nullable */
  JsonArray  *communications;
  SdAwsPages  pages;
} RefreshData;

typedef struct {
  SdCaseReply *reply;
  GPtrArray   *files;         /* GFile */
  GPtrArray   *contents;      /* GBytes */
  char        *body;
  GStrv        cc;
  char        *set_id;        /* nullable */
  gboolean     set_retried;
  gint64       started;       /* real time, µs */
} ReplyData;

/* Enums */

G_DEFINE_ENUM_TYPE (SdThreadOrder, sd_thread_order,
  G_DEFINE_ENUM_VALUE (SD_THREAD_ORDER_OLDEST_FIRST, "oldest-first"),
  G_DEFINE_ENUM_VALUE (SD_THREAD_ORDER_NEWEST_FIRST, "newest-first"))

G_DEFINE_ENUM_TYPE (SdReplyState, sd_reply_state,
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_UPLOADING, "uploading"),
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_UNCERTAIN, "uncertain"),
  G_DEFINE_ENUM_VALUE (SD_REPLY_STATE_NOT_SENT, "not-sent"))

/* Auxiliary functions */

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->details, json_object_unref);
  g_clear_pointer (&data->communications, json_array_unref);
  sd_aws_pages_clear (&data->pages);
  g_free (data);
}

static void
reply_data_free (ReplyData *data)
{
  g_clear_object (&data->reply);
  g_ptr_array_unref (data->files);
  g_ptr_array_unref (data->contents);
  g_free (data->body);
  g_strfreev (data->cc);
  g_free (data->set_id);
  g_free (data);
}

/* The id AWS knows the case by, once the details have been read. */
static const char *
real_case_id (SdCaseThread *self)
{
  return sd_case_get_details_known (self->case_) ? sd_case_get_case_id (self->case_) : self->case_id;
}

static char *
cache_name (SdCaseThread *self)
{
  return g_strconcat ("thread-", self->case_id, NULL);
}

static void
set_reply_state (SdCaseThread *self,
                 SdReplyState  state)
{
  if (self->reply_state == state)
    return;
  self->reply_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_STATE]);
}

static void
set_boolean (SdCaseThread *self,
             gboolean     *field,
             gboolean      value,
             guint         prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_error (SdCaseThread *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_updated (SdCaseThread *self,
             gint64        updated)
{
  if (self->updated == updated)
    return;
  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

static void
set_case_details (SdCaseThread *self,
                  JsonObject   *details)
{
  if (sd_case_update_from_json (self->case_, details))
    return;
  /* The thread was opened by display id: the details name the real case. */
  {
    SdCase *fresh = sd_case_new_from_json (details, NULL);

    if (fresh == NULL)
      return;
    sd_case_set_origin (fresh, sd_case_get_origin (self->case_), sd_case_get_origin_region (self->case_));
    g_object_unref (self->case_);
    self->case_ = fresh;
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  }
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  return sd_communication_compare (*(SdCommunication **) a, *(SdCommunication **) b);
}

/* "Body\r\n" and "Body" are the same reply. */
static char *
normalize_body (const char *body)
{
  GString *out = g_string_new (NULL);

  for (const char *p = body; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* Is the reply journalled in @entry among the messages? */
static gboolean
reply_is_in_thread (SdCaseThread *self,
                    JsonObject   *entry)
{
  const char *journalled = sd_json_get_string (entry, "body");
  g_autofree char *wanted = normalize_body (journalled != NULL ? journalled : "");
  gint64 started = (gint64) sd_json_get_double (entry, "started_us", 0) / G_USEC_PER_SEC;

  if (wanted[0] == '\0')
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      SdCommunication *message = g_ptr_array_index (self->items, i);
      GDateTime *when = sd_communication_get_time (message);
      g_autofree char *body = NULL;

      if (sd_communication_get_author (message) != SD_AUTHOR_ACCOUNT)
        continue;
      /* Clocks differ: allow ten minutes before the send began. */
      if (when != NULL && started > 0 && g_date_time_to_unix (when) < started - 600)
        continue;
      body = normalize_body (sd_communication_get_raw_body (message));
      if (g_str_equal (body, wanted) || g_str_has_prefix (body, wanted))
        return TRUE;
    }
  return FALSE;
}

/* Settles a reply journalled before a crash or an ambiguous failure, now
 * that the whole thread has been read: found, it was sent; not found once
 * the settle time has passed since it left, it was not. Returns how many
 * milliseconds remain before it can be settled (0 when settled or none). */
static guint
reconcile_journal (SdCaseThread *self)
{
  g_autoptr(JsonObject) entry = NULL;
  gint64 started;
  gint64 age_ms;

  /* A reply being sent right now is not settled by a refresh. */
  if (self->reply_task != NULL && self->reply_state != SD_REPLY_STATE_CHECKING)
    return 0;

  entry = sd_case_thread_journal_read (self->cache, self->profile, real_case_id (self));
  if (entry == NULL)
    return 0;

  if (reply_is_in_thread (self, entry))
    {
      g_debug ("The reply to %s journalled as %s is in the thread: it was sent",
               real_case_id (self), sd_json_get_string (entry, "state"));
      sd_case_thread_journal_remove (self->cache, self->profile, real_case_id (self));
      set_reply_state (self, SD_REPLY_STATE_NONE);
      return 0;
    }

  started = (gint64) sd_json_get_double (entry, "started_us", 0);
  age_ms = (g_get_real_time () - started) / 1000;
  if (started > 0 && age_ms >= 0 && age_ms < self->settle_ms)
    {
      /* It may still arrive: nothing may send it again yet. */
      if (self->reply_state != SD_REPLY_STATE_CHECKING)
        set_reply_state (self, SD_REPLY_STATE_UNCERTAIN);
      return MAX (self->settle_ms - age_ms, 200);
    }

  g_debug ("The reply to %s is not in the thread: it was not sent", real_case_id (self));
  sd_case_thread_journal_remove (self->cache, self->profile, real_case_id (self));
  set_reply_state (self, SD_REPLY_STATE_NOT_SENT);
  return 0;
}

static JsonObject *
build_cache_document (SdCaseThread *self)
{
  JsonObject *doc = json_object_new ();
  JsonArray *messages = json_array_new ();

  json_object_set_int_member (doc, "version", 1);
  json_object_set_int_member (doc, "fetched", self->updated);
  json_object_set_boolean_member (doc, "partial", self->partial);
  if (sd_case_get_json (self->case_) != NULL)
    json_object_set_object_member (doc, "case", json_object_ref (sd_case_get_json (self->case_)));
  for (guint i = 0; i < self->items->len; i++)
    json_array_add_object_element (messages,
                                   json_object_ref (sd_communication_get_json (g_ptr_array_index (self->items, i))));
  json_object_set_array_member (doc, "communications", messages);
  return doc;
}

static gboolean
apply_cache_document (SdCaseThread *self,
                      JsonObject   *doc)
{
  JsonArray *messages = sd_json_get_array (doc, "communications");
  JsonObject *details = sd_json_get_object (doc, "case");

  if (messages == NULL)
    return FALSE;
  if (details != NULL)
    set_case_details (self, details);
  sd_case_thread_apply_communications (self, messages);
  set_boolean (self, &self->partial, sd_json_get_boolean (doc, "partial", FALSE), PROP_PARTIAL);
  set_updated (self, (gint64) sd_json_get_double (doc, "fetched", 0));
  return TRUE;
}

static void
on_cache_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sd_case_cache_write_finish (SD_CASE_CACHE (source), result, &error))
    g_warning ("Could not save the case thread for reading offline: %s", error->message);
}

/* Refresh */

static void fetch_communications (GTask *operation);

static void
complete_refresh (SdCaseThread *self,
                  const GError *error)
{
  GList *tasks = g_steal_pointer (&self->refresh_tasks);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  for (GList *l = tasks; l != NULL; l = l->next)
    {
      if (error != NULL)
        g_task_return_error (l->data, g_error_copy (error));
      else
        g_task_return_boolean (l->data, TRUE);
    }
  g_list_free_full (tasks, g_object_unref);
}

static void
on_offline_cache (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) holder = user_data;
  SdCaseThread *self = g_task_get_source_object (holder);
  GError *error = g_task_get_task_data (holder);
  g_autoptr(JsonObject) doc = sd_case_cache_read_finish (SD_CASE_CACHE (source), result, NULL);

  if (doc != NULL && self->items->len == 0)
    apply_cache_document (self, doc);
  set_boolean (self, &self->offline, TRUE, PROP_OFFLINE);
  set_error (self, error);
  complete_refresh (self, error);
  g_task_return_boolean (holder, FALSE);
}

static void
fail_refresh (GTask  *operation,
              GError *error)
{
  SdCaseThread *self = g_task_get_source_object (operation);

  g_task_return_boolean (operation, FALSE);

  if (sd_case_error_is_offline (error))
    {
      GTask *holder = g_task_new (self, NULL, NULL, NULL);
      g_autofree char *name = cache_name (self);

      g_task_set_task_data (holder, error, (GDestroyNotify) g_error_free);
      sd_case_cache_read_async (self->cache, self->profile, name, NULL, on_offline_cache, holder);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, error);
  complete_refresh (self, error);
  g_error_free (error);
}

static void
finish_refresh (GTask    *operation,
                gboolean  partial)
{
  SdCaseThread *self = g_task_get_source_object (operation);
  RefreshData *data = g_task_get_task_data (operation);
  g_autofree char *name = cache_name (self);
  g_autoptr(JsonObject) doc = NULL;

  sd_case_thread_apply_communications (self, data->communications);
  set_boolean (self, &self->partial, partial, PROP_PARTIAL);
  set_boolean (self, &self->offline, FALSE, PROP_OFFLINE);
  set_error (self, NULL);
  set_updated (self, g_get_real_time () / G_USEC_PER_SEC);
  reconcile_journal (self);

  doc = build_cache_document (self);
  sd_case_cache_write_async (self->cache, self->profile, name, doc, NULL, on_cache_written, NULL);
  complete_refresh (self, NULL);
  g_task_return_boolean (operation, TRUE);
}

/* DescribeCommunications is missing in some emulators and proxies: an
 * answer that is not an AWS error about the request or the caller. */
static gboolean
is_unsupported_operation (const GError *error)
{
  const char *code = sd_aws_error_get_aws_code (error);

  if (error->domain != SD_AWS_ERROR)
    return FALSE;
  if (g_strcmp0 (code, "UnknownOperationException") == 0 ||
      g_strcmp0 (code, "InvalidAction") == 0 || g_strcmp0 (code, "NotImplemented") == 0)
    return TRUE;
  /* A page that is not an AWS error at all (moto answers an HTML 500). */
  return code == NULL && (error->code == SD_AWS_ERROR_SERVER || error->code == SD_AWS_ERROR_BAD_RESPONSE);
}

static void
on_communications (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) operation = user_data;
  RefreshData *data = g_task_get_task_data (operation);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      JsonObject *recent = sd_json_get_object (data->details, "recentCommunications");

      if (data->pages.n_pages == 0 && sd_json_get_array (recent, "communications") != NULL &&
          is_unsupported_operation (error))
        {
          g_debug ("DescribeCommunications failed (%s): showing the case's recent messages",
                   error->message);
          g_error_free (error);
          sd_aws_pages_collect (data->communications, recent, "communications");
          finish_refresh (operation, TRUE);
          return;
        }
      fail_refresh (operation, error);
      return;
    }

  sd_aws_pages_collect (data->communications, answer, "communications");
  if (sd_aws_pages_next (&data->pages, answer, "nextToken"))
    {
      fetch_communications (g_steal_pointer (&operation));
      return;
    }
  finish_refresh (operation, FALSE);
}

static void
fetch_communications (GTask *operation)
{
  SdCaseThread *self = g_task_get_source_object (operation);
  RefreshData *data = g_task_get_task_data (operation);
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "caseId", real_case_id (self));
  json_object_set_int_member (input, "maxResults", self->page_size);
  sd_aws_pages_apply (&data->pages, input, "nextToken");
  sd_support_describe_communications_async (self->client, self->profile, input,
                                            g_task_get_cancellable (operation),
                                            on_communications, operation);
}

static void
on_details (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) operation = user_data;
  SdCaseThread *self = g_task_get_source_object (operation);
  RefreshData *data = g_task_get_task_data (operation);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonArray *cases;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      fail_refresh (operation, error);
      return;
    }

  cases = sd_json_get_array (answer, "cases");
  for (guint i = 0; cases != NULL && i < json_array_get_length (cases); i++)
    {
      JsonObject *details = sd_json_array_get_object (cases, i);
      const char *id = sd_json_get_string (details, "caseId");
      const char *display_id = sd_json_get_string (details, "displayId");

      if (g_strcmp0 (id, self->case_id) == 0 || g_strcmp0 (display_id, self->case_id) == 0 ||
          g_strcmp0 (id, real_case_id (self)) == 0)
        {
          data->details = json_object_ref (details);
          break;
        }
    }

  if (data->details == NULL)
    {
      g_autofree char *shown = sd_text_safe_line (self->case_id, -1, 80);

      fail_refresh (operation,
                    g_error_new (SD_CASE_ERROR, SD_CASE_ERROR_NOT_FOUND,
                                 _("AWS Support has no case %s in this account."), shown));
      return;
    }

  set_case_details (self, data->details);
  fetch_communications (g_steal_pointer (&operation));
}

static void
start_refresh (SdCaseThread        *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean running = self->refresh_tasks != NULL;
  g_autoptr(JsonObject) input = NULL;
  RefreshData *data;
  GTask *operation;

  g_task_set_source_tag (task, sd_case_thread_refresh_async);
  self->refresh_tasks = g_list_append (self->refresh_tasks, task);
  if (running)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  data = g_new0 (RefreshData, 1);
  data->communications = json_array_new ();
  sd_aws_pages_init (&data->pages, MAX_PAGES);
  operation = g_task_new (self, cancellable, NULL, NULL);
  g_task_set_task_data (operation, data, (GDestroyNotify) refresh_data_free);

  /* The case's details first: its status, and the real case id when the
   * thread was opened by display id. */
  input = json_object_new ();
  if (g_str_has_prefix (real_case_id (self), "case-"))
    {
      JsonArray *ids = json_array_new ();

      json_array_add_string_element (ids, real_case_id (self));
      json_object_set_array_member (input, "caseIdList", ids);
    }
  else
    json_object_set_string_member (input, "displayId", self->case_id);
  json_object_set_boolean_member (input, "includeResolvedCases", TRUE);
  json_object_set_boolean_member (input, "includeCommunications", TRUE);
  sd_support_describe_cases_async (self->client, self->profile, input, cancellable,
                                   on_details, operation);
}

/* Attachments */

static void
on_attachment_written (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_attachment (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *destination = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  const char *data;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = sd_json_get_string (sd_json_get_object (answer, "attachment"), "data");
  bytes = data != NULL ? sd_case_thread_decode_base64 (data, MAX_ATTACHMENT_BYTES) : NULL;
  if (bytes == NULL)
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                               _("AWS Support's answer did not contain a readable attachment."));
      return;
    }

  /* A temporary file renamed over the destination: never half a file. */
  g_file_replace_contents_bytes_async (destination, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), on_attachment_written,
                                       g_object_ref (task));
}

/* Reply */

static void reply_upload (GTask *task);
static void reply_send (GTask *task);
static gboolean on_reconcile_delay (gpointer user_data);

static void
reply_fail (GTask  *task,
            GError *error)
{
  SdCaseThread *self = g_task_get_source_object (task);

  self->reply_task = NULL;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_reply_refreshed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = SD_CASE_THREAD (source);
  g_autoptr(GError) error = NULL;

  /* The reply is sent: a failed refresh only means the thread is not
   * shown up to date yet. */
  if (!sd_case_thread_refresh_finish (self, result, &error))
    g_debug ("Refreshing after the reply failed: %s", error->message);
  self->reply_task = NULL;
  g_task_return_boolean (task, TRUE);
}

static void
reply_succeeded (GTask *task)
{
  SdCaseThread *self = g_task_get_source_object (task);
  ReplyData *data = g_task_get_task_data (task);
  SdCaseStatus status = sd_case_get_status (self->case_);

  sd_case_thread_journal_remove (self->cache, self->profile, real_case_id (self));
  set_reply_state (self, SD_REPLY_STATE_NONE);
  sd_case_reply_clear (data->reply);

  /* What AWS does to a case answered by the customer. */
  if (status == SD_CASE_STATUS_RESOLVED)
    sd_case_set_status (self->case_, SD_CASE_STATUS_REOPENED);
  else if (status == SD_CASE_STATUS_PENDING_CUSTOMER_ACTION)
    sd_case_set_status (self->case_, SD_CASE_STATUS_CUSTOMER_ACTION_COMPLETED);

  start_refresh (self, NULL, on_reply_refreshed, g_object_ref (task));
}

static void
on_reconciled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = SD_CASE_THREAD (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = NULL;

  if (!sd_case_thread_refresh_finish (self, result, &error))
    {
      /* Cannot tell: the journal stays, and nothing may send it again
       * until a later refresh settles it. */
      set_reply_state (self, SD_REPLY_STATE_UNCERTAIN);
      reply_fail (g_steal_pointer (&task),
                  g_error_new (SD_CASE_ERROR, SD_CASE_ERROR_UNCERTAIN,
                               _("The reply may or may not have reached AWS Support, and the case "
                                 "cannot be checked right now (%s). It will be checked when the "
                                 "case is next loaded; do not send it again before that."),
                               error->message));
      return;
    }

  entry = sd_case_thread_journal_read (self->cache, self->profile, real_case_id (self));
  if (entry != NULL)
    {
      /* Not in the thread, but it may still arrive: look again later. */
      guint remaining = reconcile_journal (self);

      if (remaining > 0)
        {
          g_timeout_add (remaining, on_reconcile_delay, g_steal_pointer (&task));
          return;
        }
      g_clear_pointer (&entry, json_object_unref);
    }
  if (self->reply_state == SD_REPLY_STATE_NOT_SENT)
    {
      reply_fail (g_steal_pointer (&task),
                  g_error_new_literal (SD_CASE_ERROR, SD_CASE_ERROR_NOT_SENT,
                                       _("The reply did not reach AWS Support. Your text is kept: "
                                         "send it again when the connection is back.")));
      return;
    }
  reply_succeeded (task);
}

static gboolean
on_reconcile_delay (gpointer user_data)
{
  GTask *task = user_data;
  SdCaseThread *self = g_task_get_source_object (task);

  /* Not the reply's cancellable: once it left, its fate is found out. */
  start_refresh (self, NULL, on_reconciled, task);
  return G_SOURCE_REMOVE;
}

/* Could the write have been applied although it failed? */
static gboolean
is_ambiguous (const GError *error)
{
  if (error->domain != SD_AWS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case SD_AWS_ERROR_NETWORK:
    case SD_AWS_ERROR_TIMEOUT:
    case SD_AWS_ERROR_SERVER:
    case SD_AWS_ERROR_BAD_RESPONSE:
    case SD_AWS_ERROR_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_reply_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = g_task_get_source_object (task);
  ReplyData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  const char *code;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer != NULL)
    {
      reply_succeeded (task);
      return;
    }

  code = sd_aws_error_get_aws_code (error);
  if (data->set_id != NULL && !data->set_retried &&
      (g_strcmp0 (code, "AttachmentSetExpired") == 0 || g_strcmp0 (code, "AttachmentSetIdNotFound") == 0))
    {
      /* Refused before anything was applied: upload again, try once more. */
      g_debug ("Attachment set %s refused (%s): uploading again", data->set_id, code);
      g_error_free (error);
      sd_case_thread_journal_remove (self->cache, self->profile, real_case_id (self));
      data->set_retried = TRUE;
      g_clear_pointer (&data->set_id, g_free);
      sd_case_reply_set_attachment_set (data->reply, NULL, 0);
      reply_upload (g_steal_pointer (&task));
      return;
    }

  if (is_ambiguous (error))
    {
      g_autoptr(GError) journal_error = NULL;

      g_debug ("Reply to %s failed ambiguously (%s): checking the thread", real_case_id (self),
               error->message);
      g_error_free (error);
      if (!sd_case_thread_journal_set_state (self->cache, self->profile, real_case_id (self),
                                             "uncertain", &journal_error))
        g_warning ("Could not update the reply journal: %s", journal_error->message);
      set_reply_state (self, SD_REPLY_STATE_CHECKING);
      g_timeout_add (RECONCILE_DELAY_MS, on_reconcile_delay, g_steal_pointer (&task));
      return;
    }

  /* A definite refusal: nothing was applied, the reply may be fixed and sent. */
  sd_case_thread_journal_remove (self->cache, self->profile, real_case_id (self));
  set_reply_state (self, SD_REPLY_STATE_NONE);
  reply_fail (g_steal_pointer (&task), error);
}

static void
reply_send (GTask *task)
{
  SdCaseThread *self = g_task_get_source_object (task);
  ReplyData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (input, "caseId", real_case_id (self));
  json_object_set_string_member (input, "communicationBody", data->body);
  if (data->cc != NULL && data->cc[0] != NULL)
    {
      JsonArray *cc = json_array_new ();

      for (guint i = 0; data->cc[i] != NULL; i++)
        json_array_add_string_element (cc, data->cc[i]);
      json_object_set_array_member (input, "ccEmailAddresses", cc);
    }
  if (data->set_id != NULL)
    json_object_set_string_member (input, "attachmentSetId", data->set_id);

  /* On disk before it leaves: a crash from here on is settled by reading
   * the thread, never by sending again blindly. */
  data->started = g_get_real_time ();
  if (!sd_case_thread_journal_begin (self->cache, self->profile, real_case_id (self), data->body,
                                     (const char * const *) data->cc, data->set_id, data->started,
                                     &error))
    {
      set_reply_state (self, SD_REPLY_STATE_NONE);
      reply_fail (task, g_error_new (SD_CASE_ERROR, SD_CASE_ERROR_INVALID,
                                     _("The reply was not sent: it could not be recorded on disk "
                                       "first (%s)."), error->message));
      return;
    }

  set_reply_state (self, SD_REPLY_STATE_SENDING);
  sd_support_add_communication_to_case_async (self->client, self->profile, input,
                                              g_task_get_cancellable (task), on_reply_sent, task);
}

static void
on_set_uploaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = g_task_get_source_object (task);
  ReplyData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  GError *error = NULL;
  const char *set_id;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      /* An unused set is harmless (it expires): no reconciling needed. */
      set_reply_state (self, SD_REPLY_STATE_NONE);
      reply_fail (g_steal_pointer (&task), error);
      return;
    }

  set_id = sd_json_get_string (answer, "attachmentSetId");
  if (set_id == NULL || set_id[0] == '\0')
    {
      set_reply_state (self, SD_REPLY_STATE_NONE);
      reply_fail (g_steal_pointer (&task),
                  g_error_new_literal (SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                                       _("AWS Support accepted the attachments but gave no "
                                         "attachment set id.")));
      return;
    }
  expiry = sd_aws_parse_time (sd_json_get_string (answer, "expiryTime"));
  data->set_id = g_strdup (set_id);
  sd_case_reply_set_attachment_set (data->reply, set_id, expiry != NULL ? g_date_time_to_unix (expiry) : 0);
  reply_send (g_steal_pointer (&task));
}

static void
reply_upload (GTask *task)
{
  SdCaseThread *self = g_task_get_source_object (task);
  ReplyData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = NULL;
  JsonArray *attachments;
  gint64 expiry = 0;
  const char *existing;

  if (data->contents->len == 0)
    {
      reply_send (task);
      return;
    }

  /* The set uploaded by an earlier try, while it is fresh. */
  existing = sd_case_reply_get_attachment_set (data->reply, &expiry);
  if (existing != NULL && !data->set_retried &&
      (expiry == 0 || expiry > g_get_real_time () / G_USEC_PER_SEC + SET_EXPIRY_MARGIN_S))
    {
      data->set_id = g_strdup (existing);
      reply_send (task);
      return;
    }

  input = json_object_new ();
  attachments = json_array_new ();
  for (guint i = 0; i < data->contents->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (data->contents, i);
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (data->files, i));
      JsonObject *item = json_object_new ();
      gsize len = 0;
      const guchar *raw = g_bytes_get_data (bytes, &len);
      g_autofree char *encoded = g_base64_encode (raw, len);

      json_object_set_string_member (item, "fileName", name != NULL ? name : "attachment");
      json_object_set_string_member (item, "data", encoded);
      json_array_add_object_element (attachments, item);
    }
  json_object_set_array_member (input, "attachments", attachments);

  set_reply_state (self, SD_REPLY_STATE_UPLOADING);
  sd_support_add_attachments_to_set_async (self->client, self->profile, input,
                                           g_task_get_cancellable (task), on_set_uploaded, task);
}

static void load_next_attachment (GTask *task);

static void
on_attachment_loaded (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReplyData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes == NULL)
    {
      SdCaseThread *self = g_task_get_source_object (task);

      set_reply_state (self, SD_REPLY_STATE_NONE);
      reply_fail (g_steal_pointer (&task), error);
      return;
    }
  if (g_bytes_get_size (bytes) > SD_REPLY_MAX_ATTACHMENT_SIZE)
    {
      SdCaseThread *self = g_task_get_source_object (task);
      g_autofree char *name = g_file_get_basename (G_FILE (source));

      g_bytes_unref (bytes);
      set_reply_state (self, SD_REPLY_STATE_NONE);
      reply_fail (g_steal_pointer (&task),
                  g_error_new (SD_CASE_ERROR, SD_CASE_ERROR_ATTACHMENT_TOO_LARGE,
                               _("“%s” is larger than 5 MB, the most AWS Support accepts for one "
                                 "attachment."), name));
      return;
    }
  g_ptr_array_add (data->contents, bytes);
  load_next_attachment (g_steal_pointer (&task));
}

static void
load_next_attachment (GTask *task)
{
  ReplyData *data = g_task_get_task_data (task);

  if (data->contents->len < data->files->len)
    {
      GFile *file = g_ptr_array_index (data->files, data->contents->len);

      g_file_load_bytes_async (file, g_task_get_cancellable (task), on_attachment_loaded, task);
      return;
    }
  reply_upload (task);
}

static void
on_pending_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = SD_CASE_THREAD (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = NULL;

  sd_case_thread_refresh_finish (self, result, &error);
  entry = sd_case_thread_journal_read (self->cache, self->profile, real_case_id (self));
  if (entry != NULL)
    {
      set_reply_state (self, SD_REPLY_STATE_UNCERTAIN);
      reply_fail (g_steal_pointer (&task),
                  g_error_new_literal (SD_CASE_ERROR, SD_CASE_ERROR_UNCERTAIN,
                                       _("An earlier reply to this case may have reached AWS "
                                         "Support and the case cannot be checked right now. Try "
                                         "again when the case loads.")));
      return;
    }
  set_reply_state (self, SD_REPLY_STATE_UPLOADING);
  load_next_attachment (g_steal_pointer (&task));
}

/* Resolve */

static void
on_resolve_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = SD_CASE_THREAD (source);
  GError *error = NULL;

  if (!sd_case_thread_refresh_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sd_case_get_status (self->case_) == SD_CASE_STATUS_RESOLVED)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_NOT_SENT,
                             _("The case was not resolved: try again."));
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  SdCaseStatus status;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      if (is_ambiguous (error))
        {
          /* Resolving twice is harmless, but say what really happened. */
          g_error_free (error);
          start_refresh (self, g_task_get_cancellable (task), on_resolve_checked,
                         g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, error);
      return;
    }

  status = sd_case_status_from_id (sd_json_get_string (answer, "finalCaseStatus"));
  sd_case_set_status (self->case_, status != SD_CASE_STATUS_UNKNOWN ? status : SD_CASE_STATUS_RESOLVED);
  g_task_return_boolean (task, TRUE);
}

/* GListModel */

static GType
sd_case_thread_get_item_type (GListModel *model)
{
  return SD_TYPE_COMMUNICATION;
}

static guint
sd_case_thread_get_n_items (GListModel *model)
{
  return SD_CASE_THREAD (model)->items->len;
}

static gpointer
sd_case_thread_get_item (GListModel *model,
                         guint       position)
{
  SdCaseThread *self = SD_CASE_THREAD (model);
  guint n = self->items->len;

  if (position >= n)
    return NULL;
  if (self->order == SD_THREAD_ORDER_NEWEST_FIRST)
    position = n - 1 - position;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_case_thread_get_item_type;
  iface->get_n_items = sd_case_thread_get_n_items;
  iface->get_item = sd_case_thread_get_item;
}

/* Overrides */

static void
sd_case_thread_finalize (GObject *object)
{
  SdCaseThread *self = SD_CASE_THREAD (object);

  g_clear_object (&self->client);
  g_free (self->profile);
  g_free (self->case_id);
  g_clear_object (&self->case_);
  g_clear_object (&self->cache);
  g_ptr_array_unref (self->items);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (sd_case_thread_parent_class)->finalize (object);
}

static void
sd_case_thread_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdCaseThread *self = SD_CASE_THREAD (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_CASE:
      g_value_set_object (value, self->case_);
      break;
    case PROP_ORDER:
      g_value_set_enum (value, self->order);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->refresh_tasks != NULL);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_PARTIAL:
      g_value_set_boolean (value, self->partial);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_REPLY_STATE:
      g_value_set_enum (value, self->reply_state);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_thread_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdCaseThread *self = SD_CASE_THREAD (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      sd_case_thread_set_order (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_thread_class_init (SdCaseThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sd_case_thread_finalize;
  object_class->get_property = sd_case_thread_get_property;
  object_class->set_property = sd_case_thread_set_property;

  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, ro);
  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, ro);
  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, SD_TYPE_CASE, ro);
  properties[PROP_ORDER] =
    g_param_spec_enum ("order", NULL, NULL, SD_TYPE_THREAD_ORDER, SD_THREAD_ORDER_OLDEST_FIRST,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, ro);
  properties[PROP_PARTIAL] = g_param_spec_boolean ("partial", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_REPLY_STATE] =
    g_param_spec_enum ("reply-state", NULL, NULL, SD_TYPE_REPLY_STATE, SD_REPLY_STATE_NONE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_case_thread_init (SdCaseThread *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->settle_ms = DEFAULT_SETTLE_MS;
}

/* Public API */

SdCaseThread *
sd_case_thread_new (SdAwsClient *client,
                    const char  *profile,
                    const char  *case_id,
                    SdCaseCache *cache)
{
  g_autoptr(SdCase) case_ = NULL;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  case_ = sd_case_new (case_id);
  return sd_case_thread_new_for_case (client, profile, case_, cache);
}

SdCaseThread *
sd_case_thread_new_for_case (SdAwsClient *client,
                             const char  *profile,
                             SdCase      *case_,
                             SdCaseCache *cache)
{
  SdCaseThread *self;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (SD_IS_CASE (case_), NULL);

  self = g_object_new (SD_TYPE_CASE_THREAD, NULL);
  self->client = g_object_ref (client);
  self->profile = g_strdup (profile);
  self->case_id = g_strdup (sd_case_get_case_id (case_));
  self->case_ = g_object_ref (case_);
  self->cache = g_object_ref (cache != NULL ? cache : sd_case_cache_get_default ());

  /* A reply journalled before a crash is shown as such until a load settles it. */
  {
    g_autoptr(JsonObject) entry = sd_case_thread_journal_read (self->cache, self->profile,
                                                               real_case_id (self));
    if (entry != NULL)
      self->reply_state = SD_REPLY_STATE_UNCERTAIN;
  }
  return self;
}

const char *
sd_case_thread_get_profile (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), NULL);
  return self->profile;
}

const char *
sd_case_thread_get_case_id (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), NULL);
  return self->case_id;
}

SdCase *
sd_case_thread_get_case (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), NULL);
  return self->case_;
}

SdThreadOrder
sd_case_thread_get_order (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), SD_THREAD_ORDER_OLDEST_FIRST);
  return self->order;
}

void
sd_case_thread_set_order (SdCaseThread  *self,
                          SdThreadOrder  order)
{
  g_return_if_fail (SD_IS_CASE_THREAD (self));

  if (self->order == order)
    return;
  self->order = order;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
  if (self->items->len > 1)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->items->len, self->items->len);
}

gboolean
sd_case_thread_get_loading (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), FALSE);
  return self->refresh_tasks != NULL;
}

gboolean
sd_case_thread_get_offline (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), FALSE);
  return self->offline;
}

gboolean
sd_case_thread_get_partial (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), FALSE);
  return self->partial;
}

const GError *
sd_case_thread_get_error (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), NULL);
  return self->error;
}

gint64
sd_case_thread_get_updated (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), 0);
  return self->updated;
}

SdReplyState
sd_case_thread_get_reply_state (SdCaseThread *self)
{
  g_return_val_if_fail (SD_IS_CASE_THREAD (self), SD_REPLY_STATE_NONE);
  return self->reply_state;
}

void
sd_case_thread_set_settle_time (SdCaseThread *self,
                                guint         milliseconds)
{
  g_return_if_fail (SD_IS_CASE_THREAD (self));
  self->settle_ms = milliseconds;
}

void
sd_case_thread_set_page_size (SdCaseThread *self,
                              guint         page_size)
{
  g_return_if_fail (SD_IS_CASE_THREAD (self));
  self->page_size = CLAMP (page_size, 10, 100);
}

static void
on_cached_thread (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseThread *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(JsonObject) doc = sd_case_cache_read_finish (SD_CASE_CACHE (source), result, &error);

  if (doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->updated == 0 && !apply_cache_document (self, doc))
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                               _("The saved thread cannot be read."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
sd_case_thread_load_cached_async (SdCaseThread        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *name = NULL;
  GTask *task;

  g_return_if_fail (SD_IS_CASE_THREAD (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_thread_load_cached_async);
  name = cache_name (self);
  sd_case_cache_read_async (self->cache, self->profile, name, cancellable, on_cached_thread, task);
}

gboolean
sd_case_thread_load_cached_finish (SdCaseThread  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_thread_refresh_async (SdCaseThread        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SD_IS_CASE_THREAD (self));
  start_refresh (self, cancellable, callback, user_data);
}

gboolean
sd_case_thread_refresh_finish (SdCaseThread  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_thread_save_attachment_async (SdCaseThread              *self,
                                      SdCommunicationAttachment *attachment,
                                      GFile                     *destination,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();
  GTask *task;

  g_return_if_fail (SD_IS_CASE_THREAD (self));
  g_return_if_fail (SD_IS_COMMUNICATION_ATTACHMENT (attachment));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_thread_save_attachment_async);
  g_task_set_task_data (task, g_object_ref (destination), g_object_unref);
  json_object_set_string_member (input, "attachmentId",
                                 sd_communication_attachment_get_attachment_id (attachment));
  sd_support_describe_attachment_async (self->client, self->profile, input, cancellable,
                                        on_attachment, task);
}

gboolean
sd_case_thread_save_attachment_finish (SdCaseThread  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_thread_reply_async (SdCaseThread        *self,
                            SdCaseReply         *reply,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) pending = NULL;
  GError *error = NULL;
  ReplyData *data;
  GListModel *files;

  g_return_if_fail (SD_IS_CASE_THREAD (self));
  g_return_if_fail (SD_IS_CASE_REPLY (reply));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_thread_reply_async);

  if (self->reply_task != NULL)
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_BUSY,
                               _("A reply to this case is being sent already."));
      return;
    }
  if (!sd_case_reply_validate (reply, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (ReplyData, 1);
  data->reply = g_object_ref (reply);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  data->body = g_strdup (sd_case_reply_get_body (reply));
  data->cc = sd_case_reply_dup_cc_addresses (reply);
  files = sd_case_reply_get_attachments (reply);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (data->files, g_list_model_get_item (files, i));
  g_task_set_task_data (task, data, (GDestroyNotify) reply_data_free);
  self->reply_task = task;

  /* An earlier reply still unsettled: find out first, or it could be
   * doubled by this one (the user may be sending the same text again). */
  pending = sd_case_thread_journal_read (self->cache, self->profile, real_case_id (self));
  if (pending != NULL)
    {
      set_reply_state (self, SD_REPLY_STATE_CHECKING);
      start_refresh (self, cancellable, on_pending_checked, g_steal_pointer (&task));
      return;
    }

  set_reply_state (self, SD_REPLY_STATE_UPLOADING);
  load_next_attachment (g_steal_pointer (&task));
}

gboolean
sd_case_thread_reply_finish (SdCaseThread  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_thread_resolve_async (SdCaseThread        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();
  GTask *task;

  g_return_if_fail (SD_IS_CASE_THREAD (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_thread_resolve_async);
  json_object_set_string_member (input, "caseId", real_case_id (self));
  sd_support_resolve_case_async (self->client, self->profile, input, cancellable, on_resolved, task);
}

gboolean
sd_case_thread_resolve_finish (SdCaseThread  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_thread_apply_communications (SdCaseThread *self,
                                     JsonArray    *communications)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint old_len = self->items->len;
  guint prefix = 0;
  guint n = communications != NULL ? json_array_get_length (communications) : 0;

  g_return_if_fail (SD_IS_CASE_THREAD (self));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = sd_json_array_get_object (communications, i);

      if (item != NULL)
        g_ptr_array_add (items, sd_communication_new_from_json (item));
    }
  /* Oldest first, whatever order the pages or the cache had. */
  g_ptr_array_sort (items, compare_messages);

  /* The same message on two pages (a page boundary moved) is shown once. */
  for (guint i = 0; i < items->len;)
    {
      const char *key = sd_communication_get_key (g_ptr_array_index (items, i));

      if (g_hash_table_contains (keys, key))
        g_ptr_array_remove_index (items, i);
      else
        {
          g_hash_table_add (keys, (gpointer) key);
          i++;
        }
    }

  /* Keep the objects of the messages already shown (rows bound to them
   * stay), and announce only what changed after them. */
  while (prefix < old_len && prefix < items->len &&
         g_str_equal (sd_communication_get_key (g_ptr_array_index (self->items, prefix)),
                      sd_communication_get_key (g_ptr_array_index (items, prefix))))
    {
      g_object_unref (items->pdata[prefix]);
      items->pdata[prefix] = g_object_ref (g_ptr_array_index (self->items, prefix));
      prefix++;
    }

  g_hash_table_remove_all (keys);
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  if (prefix == old_len && prefix == self->items->len)
    return;
  if (self->order == SD_THREAD_ORDER_OLDEST_FIRST)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix, self->items->len - prefix);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len - prefix, self->items->len - prefix);
  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

GBytes *
sd_case_thread_decode_base64 (const char *text,
                              gsize       max_decoded)
{
  g_autoptr(GString) clean = NULL;
  gsize len;
  gsize padding = 0;
  guchar *decoded;
  gsize decoded_len = 0;

  if (text == NULL)
    return NULL;
  len = strlen (text);
  if (len / 4 * 3 > max_decoded + 3)
    return NULL;

  clean = g_string_sized_new (len);
  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
        continue;
      if (padding > 0 && c != '=')
        return NULL;   /* data after the padding */
      if (c == '=')
        {
          if (++padding > 2)
            return NULL;
        }
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return NULL;
      g_string_append_c (clean, c);
    }
  if (clean->len % 4 != 0)
    return NULL;
  if (clean->len == 0)
    return g_bytes_new (NULL, 0);

  decoded = g_base64_decode (clean->str, &decoded_len);
  if (decoded_len > max_decoded)
    {
      g_free (decoded);
      return NULL;
    }
  return g_bytes_new_take (decoded, decoded_len);
}
