/* sd-case-list.c — a profile's AWS Support cases, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-aws-pages.h"
#include "sd-case-list.h"
#include "sd-support.h"
#include "sd-safe-text.h"

#define CACHE_NAME "cases"
#define SEEN_NAME "seen"
#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGES 1000

typedef struct {
  char         *id;
  SdCaseOrigin  origin;
  char         *region;   /* nullable */
} KnownCase;

struct _SdCaseList {
  GObject          parent_instance;

  SdAwsClient     *client;           /* owned */
  char            *profile;          /* owned */
  SdCaseCache     *cache;            /* owned */
  GPtrArray       *all;              /* owned, SdCase: every case known */
  GPtrArray       *visible;          /* owned, SdCase: what the model shows */
  GPtrArray       *known;            /* owned, KnownCase */
  SdCaseListState  state;
  GError          *error;            /* owned, nullable */
  char            *message;          /* owned, nullable */
  gint64           updated;
  gboolean         include_resolved;
  char            *search_text;      /* owned, nullable */
  SdCaseFilter     filter;
  guint            page_size;
  GList           *refresh_tasks;    /* GTask: the refresh under way and those who joined it */
  JsonObject      *seen;             /* owned, loaded on first use */
  guint            refilter_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdCaseList, sd_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_STATE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_MESSAGE,
  PROP_UPDATED,
  PROP_INCLUDE_RESOLVED,
  PROP_SEARCH_TEXT,
  PROP_FILTER,
  PROP_N_TOTAL,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One refresh: the pages gathered so far. */
typedef struct {
  JsonArray  *cases;
  SdAwsPages  pages;
  gboolean    include_resolved;
  GPtrArray  *new_messages; /* SdCase */
} RefreshData;

/* Auxiliary functions */

static void
known_case_free (KnownCase *known)
{
  g_free (known->id);
  g_free (known->region);
  g_free (known);
}

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->cases, json_array_unref);
  sd_aws_pages_clear (&data->pages);
  g_clear_pointer (&data->new_messages, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_ENUM_TYPE (SdCaseListState, sd_case_list_state,
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_CACHED, "cached"),
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_NO_SUPPORT_PLAN, "no-support-plan"),
  G_DEFINE_ENUM_VALUE (SD_CASE_LIST_STATE_FAILED, "failed"))

const char *
sd_case_list_state_to_id (SdCaseListState state)
{
  GEnumClass *klass = g_type_class_ref (SD_TYPE_CASE_LIST_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);
  const char *nick = value != NULL ? value->value_nick : "empty";

  g_type_class_unref (klass);
  return nick;
}

static char *
format_local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* TRANSLATORS: a date and time as the locale writes them (strftime). */
  return local != NULL ? g_date_time_format (local, _("%x %X")) : g_strdup ("?");
}

static void
update_message (SdCaseList *self)
{
  g_autofree char *message = NULL;

  switch (self->state)
    {
    case SD_CASE_LIST_STATE_OFFLINE:
      if (self->updated > 0)
        {
          g_autofree char *when = format_local_time (self->updated);
          message = g_strdup_printf (_("AWS Support cannot be reached. These are the cases as "
                                       "they were on %s."), when);
        }
      else
        message = g_strdup (_("AWS Support cannot be reached, and no cases have been saved for "
                              "reading offline yet."));
      break;
    case SD_CASE_LIST_STATE_NO_SUPPORT_PLAN:
      message = g_strdup (_("This account's support plan does not include the AWS Support API "
                            "(that needs Business, Enterprise On-Ramp or Enterprise Support), so "
                            "SES Desk cannot show case threads. The cases it knows of are listed: "
                            "open them in the Support Center."));
      break;
    case SD_CASE_LIST_STATE_FAILED:
      message = sd_text_safe_line (self->error != NULL ? self->error->message
                                                       : _("The cases could not be loaded."),
                                   -1, 0);
      break;
    case SD_CASE_LIST_STATE_CACHED:
      if (self->updated > 0)
        {
          g_autofree char *when = format_local_time (self->updated);
          message = g_strdup_printf (_("Showing the cases saved on %s."), when);
        }
      break;
    case SD_CASE_LIST_STATE_EMPTY:
    case SD_CASE_LIST_STATE_READY:
    default:
      break;
    }

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
set_state (SdCaseList      *self,
           SdCaseListState  state,
           const GError    *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (error != self->error)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  update_message (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_updated (SdCaseList *self,
             gint64      updated)
{
  if (self->updated == updated)
    return;
  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
  update_message (self);
}

static gboolean
is_visible (SdCaseList *self,
            SdCase     *case_)
{
  if (!self->include_resolved && sd_case_status_is_resolved (sd_case_get_status (case_)))
    return FALSE;
  /* Cases known only by id are shown when nothing better can be. */
  if (!sd_case_get_details_known (case_) && self->state != SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
    return FALSE;
  return sd_case_matches (case_, self->search_text, self->filter);
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  return sd_case_compare (*(SdCase **) a, *(SdCase **) b);
}

/* Recomputes what the model shows and announces the smallest changed range. */
static void
refilter (SdCaseList *self)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_len = self->visible->len;
  guint prefix = 0;
  guint suffix = 0;
  guint new_len;

  g_clear_handle_id (&self->refilter_id, g_source_remove);

  for (guint i = 0; i < self->all->len; i++)
    {
      SdCase *case_ = g_ptr_array_index (self->all, i);

      if (is_visible (self, case_))
        g_ptr_array_add (visible, g_object_ref (case_));
    }
  g_ptr_array_sort (visible, compare_cases);
  new_len = visible->len;

  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (self->visible, prefix) == g_ptr_array_index (visible, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (self->visible, old_len - 1 - suffix) ==
         g_ptr_array_index (visible, new_len - 1 - suffix))
    suffix++;

  g_ptr_array_unref (self->visible);
  self->visible = g_steal_pointer (&visible);

  if (prefix == old_len && prefix == new_len)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix,
                              new_len - prefix - suffix);
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
refilter_idle (gpointer user_data)
{
  SdCaseList *self = user_data;

  self->refilter_id = 0;
  refilter (self);
  return G_SOURCE_REMOVE;
}

static void
on_case_notify (SdCase     *case_,
                GParamSpec *pspec,
                SdCaseList *self)
{
  /* A thread changed a status (resolve, reply): sort and filter again soon,
   * once for a burst of changes. */
  if (self->refilter_id == 0)
    self->refilter_id = g_idle_add (refilter_idle, self);
}

static void
watch_case (SdCaseList *self,
            SdCase     *case_)
{
  g_signal_connect_object (case_, "notify::status", G_CALLBACK (on_case_notify), self, 0);
  g_signal_connect_object (case_, "notify::last-activity", G_CALLBACK (on_case_notify), self, 0);
}

static void
unwatch_case (SdCaseList *self,
              SdCase     *case_)
{
  g_signal_handlers_disconnect_by_func (case_, on_case_notify, self);
}

static SdCase *
find_case (SdCaseList *self,
           const char *id)
{
  if (id == NULL)
    return NULL;
  /* The case id first: a display id could look like another case's id. */
  for (guint i = 0; i < self->all->len; i++)
    if (g_str_equal (sd_case_get_case_id (g_ptr_array_index (self->all, i)), id))
      return g_ptr_array_index (self->all, i);
  for (guint i = 0; i < self->all->len; i++)
    if (sd_case_has_id (g_ptr_array_index (self->all, i), id))
      return g_ptr_array_index (self->all, i);
  return NULL;
}

static void
apply_known (SdCaseList *self,
             SdCase     *case_)
{
  for (guint i = 0; i < self->known->len; i++)
    {
      KnownCase *known = g_ptr_array_index (self->known, i);

      if (sd_case_has_id (case_, known->id))
        {
          sd_case_set_origin (case_, known->origin, known->region);
          return;
        }
    }
}

/* Cases known only by id, listed when DescribeCases cannot be used. */
static void
add_placeholders (SdCaseList *self)
{
  for (guint i = 0; i < self->known->len; i++)
    {
      KnownCase *known = g_ptr_array_index (self->known, i);
      SdCase *case_;

      if (find_case (self, known->id) != NULL)
        continue;
      case_ = sd_case_new (known->id);
      sd_case_set_origin (case_, known->origin, known->region);
      watch_case (self, case_);
      g_ptr_array_add (self->all, case_);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
}

static JsonObject *
load_seen (SdCaseList *self)
{
  if (self->seen == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->seen = sd_case_cache_read_state (self->cache, self->profile, SEEN_NAME, &error);
      if (error != NULL)
        g_debug ("Ignoring the seen-messages file: %s", error->message);
      if (self->seen == NULL)
        self->seen = json_object_new ();
    }
  return self->seen;
}

static JsonObject *
seen_cases (SdCaseList *self)
{
  JsonObject *seen = load_seen (self);
  JsonObject *cases = sd_json_get_object (seen, "cases");

  if (cases == NULL)
    {
      cases = json_object_new ();
      json_object_set_object_member (seen, "cases", cases);
    }
  return cases;
}

static GDateTime *
seen_time (JsonObject *entry,
           const char *member)
{
  return sd_aws_parse_time (sd_json_get_string (entry, member));
}

static void
save_seen (SdCaseList *self)
{
  g_autoptr(GError) error = NULL;

  if (!sd_case_cache_write_state (self->cache, self->profile, SEEN_NAME, load_seen (self), &error))
    g_warning ("Could not remember which case messages were seen: %s", error->message);
}

/* Compares each case's newest AWS message with what was seen and reported:
 * sets the unread marks, and returns the cases to notify about. */
static GPtrArray *
track_new_messages (SdCaseList *self)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *seen = load_seen (self);
  gboolean first_run = sd_json_get_string (seen, "checked") == NULL;
  g_autoptr(GDateTime) checked = seen_time (seen, "checked");
  JsonObject *cases = seen_cases (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  for (guint i = 0; i < self->all->len; i++)
    {
      SdCase *case_ = g_ptr_array_index (self->all, i);
      GDateTime *last_aws = sd_case_get_last_aws_activity (case_);
      const char *id = sd_case_get_case_id (case_);
      JsonObject *entry = sd_json_get_object (cases, id);
      g_autofree char *last_text = NULL;

      if (last_aws == NULL)
        continue;
      last_text = g_date_time_format_iso8601 (last_aws);

      if (entry == NULL)
        {
          entry = json_object_new ();
          json_object_set_object_member (cases, id, entry);
          /* A case first seen: its messages from before the last check were
           * not news then and are not now; the first run reports nothing. */
          if (!first_run && checked != NULL && g_date_time_compare (last_aws, checked) > 0)
            {
              g_ptr_array_add (fresh, g_object_ref (case_));
              json_object_set_string_member (entry, "notified", last_text);
              sd_case_set_unread (case_, TRUE);
            }
          else
            {
              json_object_set_string_member (entry, "notified", last_text);
              json_object_set_string_member (entry, "read", last_text);
            }
          continue;
        }

      {
        g_autoptr(GDateTime) notified = seen_time (entry, "notified");
        g_autoptr(GDateTime) read = seen_time (entry, "read");

        if (notified == NULL || g_date_time_compare (last_aws, notified) > 0)
          {
            g_ptr_array_add (fresh, g_object_ref (case_));
            json_object_set_string_member (entry, "notified", last_text);
          }
        sd_case_set_unread (case_, read == NULL || g_date_time_compare (last_aws, read) > 0);
      }
    }

  json_object_set_string_member (seen, "checked", now_text);
  save_seen (self);
  g_ptr_array_sort (fresh, compare_cases);
  return fresh;
}

static JsonObject *
build_cache_document (SdCaseList *self)
{
  JsonObject *doc = json_object_new ();
  JsonArray *cases = json_array_new ();
  JsonArray *known = json_array_new ();

  json_object_set_int_member (doc, "version", 1);
  json_object_set_int_member (doc, "fetched", self->updated);
  json_object_set_boolean_member (doc, "include_resolved", self->include_resolved);
  for (guint i = 0; i < self->all->len; i++)
    {
      JsonObject *details = sd_case_get_json (g_ptr_array_index (self->all, i));

      if (details != NULL)
        json_array_add_object_element (cases, json_object_ref (details));
    }
  for (guint i = 0; i < self->known->len; i++)
    {
      KnownCase *k = g_ptr_array_index (self->known, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", k->id);
      json_object_set_string_member (item, "origin", sd_case_origin_to_id (k->origin));
      if (k->region != NULL)
        json_object_set_string_member (item, "region", k->region);
      json_array_add_object_element (known, item);
    }
  json_object_set_array_member (doc, "cases", cases);
  json_object_set_array_member (doc, "known", known);
  return doc;
}

static void
on_cache_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sd_case_cache_write_finish (SD_CASE_CACHE (source), result, &error))
    g_warning ("Could not save the case list for reading offline: %s", error->message);
}

static SdCaseOrigin
origin_from_id (const char *id)
{
  if (g_strcmp0 (id, "review") == 0)
    return SD_CASE_ORIGIN_REVIEW;
  if (g_strcmp0 (id, "quota-request") == 0)
    return SD_CASE_ORIGIN_QUOTA_REQUEST;
  if (g_strcmp0 (id, "created") == 0)
    return SD_CASE_ORIGIN_CREATED;
  return SD_CASE_ORIGIN_NONE;
}

/* Applies a cache document; FALSE when it is not one. */
static gboolean
apply_cache_document (SdCaseList *self,
                      JsonObject *doc)
{
  JsonArray *cases = sd_json_get_array (doc, "cases");
  JsonArray *known = sd_json_get_array (doc, "known");

  if (cases == NULL)
    return FALSE;

  for (guint i = 0; known != NULL && i < json_array_get_length (known); i++)
    {
      JsonObject *item = sd_json_array_get_object (known, i);
      const char *id = sd_json_get_string (item, "id");
      SdCaseOrigin origin = origin_from_id (sd_json_get_string (item, "origin"));

      if (id != NULL && origin != SD_CASE_ORIGIN_NONE)
        sd_case_list_add_known_case (self, id, origin, sd_json_get_string (item, "region"));
    }
  sd_case_list_apply_cases (self, cases, TRUE);
  set_updated (self, (gint64) sd_json_get_double (doc, "fetched", 0));
  return TRUE;
}

/* Refresh */

static void fetch_page (GTask *task);

static void
complete_refresh (SdCaseList   *self,
                  GPtrArray    *new_messages,
                  const GError *error)
{
  GList *tasks = g_steal_pointer (&self->refresh_tasks);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  for (GList *l = tasks; l != NULL; l = l->next)
    {
      if (error != NULL)
        g_task_return_error (l->data, g_error_copy (error));
      else
        g_task_return_pointer (l->data, g_ptr_array_ref (new_messages),
                               (GDestroyNotify) g_ptr_array_unref);
    }
  g_list_free_full (tasks, g_object_unref);
}

static void
on_offline_cache_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseList *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) doc = sd_case_cache_read_finish (SD_CASE_CACHE (source), result, NULL);
  GError *error = g_task_get_task_data (task);

  if (doc != NULL && self->all->len == 0)
    apply_cache_document (self, doc);
  set_state (self, SD_CASE_LIST_STATE_OFFLINE, error);
  refilter (self);
  complete_refresh (self, NULL, error);
  g_task_return_boolean (task, FALSE);
}

static void
fail_refresh (GTask  *task,
              GError *error)
{
  SdCaseList *self = g_task_get_source_object (task);

  /* The operation's own task has no callback: returning it just ends it. */
  g_task_return_boolean (task, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      complete_refresh (self, NULL, error);
      g_error_free (error);
      return;
    }

  if (sd_case_error_is_offline (error))
    {
      /* Show the saved list, unless something is shown already. */
      GTask *read_task = g_task_new (self, NULL, NULL, NULL);

      g_task_set_task_data (read_task, error, (GDestroyNotify) g_error_free);
      sd_case_cache_read_async (self->cache, self->profile, CACHE_NAME, NULL,
                                on_offline_cache_read, read_task);
      return;
    }

  if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED))
    {
      set_state (self, SD_CASE_LIST_STATE_NO_SUPPORT_PLAN, error);
      add_placeholders (self);
    }
  else
    set_state (self, SD_CASE_LIST_STATE_FAILED, error);
  refilter (self);
  complete_refresh (self, NULL, error);
  g_error_free (error);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseList *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      fail_refresh (task, error);
      return;
    }

  sd_aws_pages_collect (data->cases, answer, "cases");
  if (sd_aws_pages_next (&data->pages, answer, "nextToken"))
    {
      fetch_page (g_steal_pointer (&task));
      return;
    }

  /* Every page is in. */
  sd_case_list_apply_cases (self, data->cases, TRUE);
  set_updated (self, g_get_real_time () / G_USEC_PER_SEC);
  set_state (self, SD_CASE_LIST_STATE_READY, NULL);
  data->new_messages = track_new_messages (self);
  refilter (self);
  {
    g_autoptr(JsonObject) doc = build_cache_document (self);
    sd_case_cache_write_async (self->cache, self->profile, CACHE_NAME, doc, NULL,
                               on_cache_written, NULL);
  }
  complete_refresh (self, data->new_messages, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
fetch_page (GTask *task)
{
  SdCaseList *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_boolean_member (input, "includeResolvedCases", data->include_resolved);
  json_object_set_boolean_member (input, "includeCommunications", TRUE);
  json_object_set_int_member (input, "maxResults", self->page_size);
  sd_aws_pages_apply (&data->pages, input, "nextToken");
  sd_support_describe_cases_async (self->client, self->profile, input,
                                   g_task_get_cancellable (task), on_page, task);
}

static void
start_refresh (SdCaseList          *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean running = self->refresh_tasks != NULL;
  RefreshData *data;

  g_task_set_source_tag (task, source_tag);
  self->refresh_tasks = g_list_append (self->refresh_tasks, task);
  if (running)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  data = g_new0 (RefreshData, 1);
  data->cases = json_array_new ();
  sd_aws_pages_init (&data->pages, MAX_PAGES);
  data->include_resolved = self->include_resolved;

  /* The operation's own task: the callers' tasks are completed from it. */
  {
    GTask *operation = g_task_new (self, cancellable, NULL, NULL);

    g_task_set_task_data (operation, data, (GDestroyNotify) refresh_data_free);
    fetch_page (operation);
  }
}

/* Cached list */

static void
on_cached_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseList *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = sd_case_cache_read_finish (SD_CASE_CACHE (source), result, &error);

  if (doc == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A refresh that finished meanwhile is newer. */
  if (self->state == SD_CASE_LIST_STATE_EMPTY)
    {
      if (!apply_cache_document (self, doc))
        {
          g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                                   _("The saved case list cannot be read."));
          return;
        }
      set_state (self, SD_CASE_LIST_STATE_CACHED, NULL);
      refilter (self);
    }
  g_task_return_boolean (task, TRUE);
}

/* GListModel */

static GType
sd_case_list_get_item_type (GListModel *model)
{
  return SD_TYPE_CASE;
}

static guint
sd_case_list_get_n_items (GListModel *model)
{
  return SD_CASE_LIST (model)->visible->len;
}

static gpointer
sd_case_list_get_item (GListModel *model,
                       guint       position)
{
  SdCaseList *self = SD_CASE_LIST (model);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_case_list_get_item_type;
  iface->get_n_items = sd_case_list_get_n_items;
  iface->get_item = sd_case_list_get_item;
}

/* Overrides */

static void
sd_case_list_dispose (GObject *object)
{
  SdCaseList *self = SD_CASE_LIST (object);

  g_clear_handle_id (&self->refilter_id, g_source_remove);
  if (self->all != NULL)
    for (guint i = 0; i < self->all->len; i++)
      unwatch_case (self, g_ptr_array_index (self->all, i));
  G_OBJECT_CLASS (sd_case_list_parent_class)->dispose (object);
}

static void
sd_case_list_finalize (GObject *object)
{
  SdCaseList *self = SD_CASE_LIST (object);

  g_clear_object (&self->client);
  g_free (self->profile);
  g_clear_object (&self->cache);
  g_ptr_array_unref (self->all);
  g_ptr_array_unref (self->visible);
  g_ptr_array_unref (self->known);
  g_clear_error (&self->error);
  g_free (self->message);
  g_free (self->search_text);
  g_clear_pointer (&self->seen, json_object_unref);
  G_OBJECT_CLASS (sd_case_list_parent_class)->finalize (object);
}

static void
sd_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdCaseList *self = SD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->refresh_tasks != NULL);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_INCLUDE_RESOLVED:
      g_value_set_boolean (value, self->include_resolved);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_FILTER:
      g_value_set_enum (value, self->filter);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->all->len);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SdCaseList *self = SD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_RESOLVED:
      sd_case_list_set_include_resolved (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      sd_case_list_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_FILTER:
      sd_case_list_set_filter (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_list_class_init (SdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = sd_case_list_dispose;
  object_class->finalize = sd_case_list_finalize;
  object_class->get_property = sd_case_list_get_property;
  object_class->set_property = sd_case_list_set_property;

  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SD_TYPE_CASE_LIST_STATE, SD_CASE_LIST_STATE_EMPTY, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_INCLUDE_RESOLVED] =
    g_param_spec_boolean ("include-resolved", NULL, NULL, FALSE, rw);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, rw);
  properties[PROP_FILTER] =
    g_param_spec_enum ("filter", NULL, NULL, SD_TYPE_CASE_FILTER, SD_CASE_FILTER_ALL, rw);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_case_list_init (SdCaseList *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
  self->known = g_ptr_array_new_with_free_func ((GDestroyNotify) known_case_free);
  self->page_size = DEFAULT_PAGE_SIZE;
}

/* Public API */

SdCaseList *
sd_case_list_new (SdAwsClient *client,
                  const char  *profile,
                  SdCaseCache *cache)
{
  SdCaseList *self;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (client), NULL);

  self = g_object_new (SD_TYPE_CASE_LIST, NULL);
  self->client = g_object_ref (client);
  self->profile = g_strdup (profile);
  self->cache = g_object_ref (cache != NULL ? cache : sd_case_cache_get_default ());
  return self;
}

const char *
sd_case_list_get_profile (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->profile;
}

SdAwsClient *
sd_case_list_get_client (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->client;
}

SdCaseCache *
sd_case_list_get_cache (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->cache;
}

SdCaseListState
sd_case_list_get_state (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), SD_CASE_LIST_STATE_EMPTY);
  return self->state;
}

gboolean
sd_case_list_get_loading (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), FALSE);
  return self->refresh_tasks != NULL;
}

const GError *
sd_case_list_get_error (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->error;
}

const char *
sd_case_list_get_message (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->message;
}

gint64
sd_case_list_get_updated (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), 0);
  return self->updated;
}

guint
sd_case_list_get_n_total (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), 0);
  return self->all->len;
}

void
sd_case_list_set_include_resolved (SdCaseList *self,
                                   gboolean    include_resolved)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));

  if (self->include_resolved == !!include_resolved)
    return;
  self->include_resolved = !!include_resolved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_RESOLVED]);
  refilter (self);
}

gboolean
sd_case_list_get_include_resolved (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), FALSE);
  return self->include_resolved;
}

void
sd_case_list_set_search_text (SdCaseList *self,
                              const char *text)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (self->search_text, text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
  refilter (self);
}

const char *
sd_case_list_get_search_text (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return self->search_text;
}

void
sd_case_list_set_filter (SdCaseList   *self,
                         SdCaseFilter  filter)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));

  if (self->filter == filter)
    return;
  self->filter = filter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  refilter (self);
}

SdCaseFilter
sd_case_list_get_filter (SdCaseList *self)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), SD_CASE_FILTER_ALL);
  return self->filter;
}

void
sd_case_list_set_page_size (SdCaseList *self,
                            guint       page_size)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));
  self->page_size = CLAMP (page_size, 10, 100);
}

SdCase *
sd_case_list_lookup (SdCaseList *self,
                     const char *id)
{
  g_return_val_if_fail (SD_IS_CASE_LIST (self), NULL);
  return find_case (self, id);
}

void
sd_case_list_add_known_case (SdCaseList   *self,
                             const char   *id,
                             SdCaseOrigin  origin,
                             const char   *region)
{
  KnownCase *known = NULL;
  SdCase *case_;

  g_return_if_fail (SD_IS_CASE_LIST (self));
  g_return_if_fail (id != NULL);

  if (id[0] == '\0' || strlen (id) > 256)
    return;
  for (guint i = 0; i < self->known->len && known == NULL; i++)
    if (g_str_equal (((KnownCase *) g_ptr_array_index (self->known, i))->id, id))
      known = g_ptr_array_index (self->known, i);
  if (known == NULL)
    {
      known = g_new0 (KnownCase, 1);
      known->id = g_strdup (id);
      g_ptr_array_add (self->known, known);
    }
  known->origin = origin;
  if (region != NULL)
    {
      g_free (known->region);
      known->region = g_strdup (region);
    }

  case_ = find_case (self, id);
  if (case_ != NULL)
    sd_case_set_origin (case_, known->origin, known->region);
  else if (self->state == SD_CASE_LIST_STATE_NO_SUPPORT_PLAN)
    add_placeholders (self);
  refilter (self);
}

GPtrArray *
sd_case_list_dup_cases_for_region (SdCaseList *self,
                                   const char *region)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SD_IS_CASE_LIST (self), cases);

  for (guint i = 0; i < self->all->len; i++)
    {
      SdCase *case_ = g_ptr_array_index (self->all, i);

      if (sd_case_get_origin (case_) != SD_CASE_ORIGIN_NONE &&
          g_strcmp0 (sd_case_get_origin_region (case_), region) == 0)
        g_ptr_array_add (cases, g_object_ref (case_));
    }
  g_ptr_array_sort (cases, compare_cases);
  return cases;
}

void
sd_case_list_add_known_cases_from_dashboard (SdCaseList  *self,
                                             SdDashboard *dashboard)
{
  GListModel *model;

  g_return_if_fail (SD_IS_CASE_LIST (self));
  g_return_if_fail (SD_IS_DASHBOARD (dashboard));

  model = sd_dashboard_get_model (dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
      const char *case_id = sd_region_status_get_review_case_id (status);

      if (case_id != NULL && g_strcmp0 (sd_region_status_get_profile (status), self->profile) == 0)
        sd_case_list_add_known_case (self, case_id, SD_CASE_ORIGIN_REVIEW,
                                     sd_region_status_get_region (status));
    }
}

void
sd_case_list_load_cached_async (SdCaseList          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SD_IS_CASE_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_list_load_cached_async);
  sd_case_cache_read_async (self->cache, self->profile, CACHE_NAME, cancellable,
                            on_cached_read, task);
}

gboolean
sd_case_list_load_cached_finish (SdCaseList    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_list_refresh_async (SdCaseList          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));
  start_refresh (self, cancellable, callback, user_data, sd_case_list_refresh_async);
}

gboolean
sd_case_list_refresh_finish (SdCaseList    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GPtrArray) fresh = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  fresh = g_task_propagate_pointer (G_TASK (result), error);
  return fresh != NULL;
}

void
sd_case_list_check_new_messages_async (SdCaseList          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (SD_IS_CASE_LIST (self));
  start_refresh (self, cancellable, callback, user_data, sd_case_list_check_new_messages_async);
}

GPtrArray *
sd_case_list_check_new_messages_finish (SdCaseList    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sd_case_list_mark_read (SdCaseList *self,
                        SdCase     *case_)
{
  JsonObject *cases;
  JsonObject *entry;
  GDateTime *last_aws;
  g_autofree char *text = NULL;

  g_return_if_fail (SD_IS_CASE_LIST (self));
  g_return_if_fail (SD_IS_CASE (case_));

  sd_case_set_unread (case_, FALSE);
  last_aws = sd_case_get_last_aws_activity (case_);
  if (last_aws == NULL)
    return;

  cases = seen_cases (self);
  entry = sd_json_get_object (cases, sd_case_get_case_id (case_));
  if (entry == NULL)
    {
      entry = json_object_new ();
      json_object_set_object_member (cases, sd_case_get_case_id (case_), entry);
    }
  text = g_date_time_format_iso8601 (last_aws);
  if (g_strcmp0 (sd_json_get_string (entry, "read"), text) == 0)
    return;
  json_object_set_string_member (entry, "read", text);
  /* What the user has read needs no notification either. */
  if (sd_json_get_string (entry, "notified") == NULL)
    json_object_set_string_member (entry, "notified", text);
  save_seen (self);
}

void
sd_case_list_apply_cases (SdCaseList *self,
                          JsonArray  *cases,
                          gboolean    complete)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) old = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (SD_IS_CASE_LIST (self));

  for (guint i = 0; i < self->all->len; i++)
    {
      SdCase *case_ = g_ptr_array_index (self->all, i);
      g_hash_table_insert (old, (gpointer) sd_case_get_case_id (case_), case_);
    }

  for (guint i = 0; cases != NULL && i < json_array_get_length (cases); i++)
    {
      JsonObject *details = sd_json_array_get_object (cases, i);
      const char *id = sd_json_get_string (details, "caseId");
      SdCase *case_;

      if (id == NULL || g_hash_table_contains (added, id))
        continue;   /* unusable, or the same case on two pages */

      case_ = g_hash_table_lookup (old, id);
      if (case_ != NULL)
        {
          sd_case_update_from_json (case_, details);
          g_object_ref (case_);
        }
      else
        {
          case_ = sd_case_new_from_json (details, NULL);
          if (case_ == NULL)
            continue;
          watch_case (self, case_);
        }
      apply_known (self, case_);
      g_ptr_array_add (all, case_);
      g_hash_table_add (added, (gpointer) sd_case_get_case_id (case_));
    }

  for (guint i = 0; i < self->all->len; i++)
    {
      SdCase *case_ = g_ptr_array_index (self->all, i);

      if (g_hash_table_contains (added, sd_case_get_case_id (case_)))
        continue;
      if (complete)
        unwatch_case (self, case_);
      else
        g_ptr_array_add (all, g_object_ref (case_));
    }

  g_ptr_array_unref (self->all);
  self->all = g_steal_pointer (&all);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
  refilter (self);
}
