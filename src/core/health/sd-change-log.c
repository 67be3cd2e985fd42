/* sd-change-log.c — what changed in each region since the last refresh, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is {"version": 1, "regions": {"<profile>/<region>": state},
 * "changes": [change, … newest first]}. State and changes are written
 * together, so a crash leaves either both old (the changes are found again)
 * or both new (they are not): once and only once. The app and the CLI may
 * refresh at the same time, so an update holds an advisory lock on
 * "<file>.lock" while it reads, compares and writes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-change-log.h"
#include "sd-state-file.h"

#define FILE_VERSION 1
#define DAY 86400

struct _SdChangeLog
{
  GObject     parent_instance;

  char       *path;     /* owned */
  GPtrArray  *changes;  /* owned; of SdChange, newest first */
  gboolean    loaded;   /* the list holds the file's contents (_load() or an update) */
};

static void sd_change_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdChangeLog, sd_change_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sd_change_log_list_model_init))

enum {
  DETECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static char *
region_key (const char *profile,
            const char *region)
{
  return g_strdup_printf ("%s/%s", profile != NULL ? profile : "", region);
}

static JsonArray *
strv_to_array (GStrv strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static gboolean
array_has (JsonArray  *array,
           const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && g_strcmp0 (json_node_get_string (node), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The state stored for a region. A rate with no data keeps the band last
 * seen, so that a rate that comes back on the same side of a line is no
 * change. */
static JsonObject *
facts_to_state (const SdRegionFacts *facts,
                JsonObject          *old)
{
  JsonObject *state = json_object_new ();
  SdRateBand bounce = facts->bounce_band;
  SdRateBand complaint = facts->complaint_band;

  if (bounce == SD_RATE_BAND_NO_DATA && old != NULL)
    bounce = sd_rate_band_from_id (sd_json_get_string (old, "bounce"));
  if (complaint == SD_RATE_BAND_NO_DATA && old != NULL)
    complaint = sd_rate_band_from_id (sd_json_get_string (old, "complaint"));

  json_object_set_string_member (state, "access", facts->access);
  json_object_set_string_member (state, "enforcement", facts->enforcement_status);
  json_object_set_boolean_member (state, "sending", facts->sending_enabled);
  json_object_set_string_member (state, "bounce", sd_rate_band_to_id (bounce));
  json_object_set_string_member (state, "complaint", sd_rate_band_to_id (complaint));
  json_object_set_double_member (state, "max_24_hour_send", facts->max_24_hour_send);
  json_object_set_array_member (state, "warm", strv_to_array (facts->warm_ips));
  json_object_set_array_member (state, "warming", strv_to_array (facts->warming_ips));
  return state;
}

static char *
format_quota (double value)
{
  return value < 0 ? g_strdup (_("unlimited")) : g_strdup_printf ("%.0f", value);
}

static void
compare_band (GPtrArray           *found,
              SdChangeKind         kind,
              const char          *old_id,
              SdRateBand           new_band,
              const SdRegionFacts *facts,
              gint64               now)
{
  SdRateBand old_band = sd_rate_band_from_id (old_id);

  /* No data says nothing about a line: compare only figures, no data as "under every line". */
  if (new_band == SD_RATE_BAND_NO_DATA)
    return;
  if (old_band == SD_RATE_BAND_NO_DATA)
    old_band = SD_RATE_BAND_OK;
  if (old_band != new_band)
    g_ptr_array_add (found, sd_change_new (kind, now, facts->profile, facts->region,
                                           sd_rate_band_to_id (old_band),
                                           sd_rate_band_to_id (new_band), NULL));
}

static void
compare (GPtrArray           *found,
         JsonObject          *old,
         const SdRegionFacts *facts,
         gint64               now)
{
  const char *old_access = sd_json_get_string (old, "access");
  const char *old_enforcement = sd_json_get_string (old, "enforcement");
  gboolean old_sending = sd_json_get_boolean (old, "sending", TRUE);
  double old_quota = sd_json_get_double (old, "max_24_hour_send", 0);
  JsonArray *old_warm = sd_json_get_array (old, "warm");
  JsonArray *old_warming = sd_json_get_array (old, "warming");
  const char *p = facts->profile;
  const char *r = facts->region;

  if (g_strcmp0 (old_access, facts->access) != 0)
    {
      if (g_strcmp0 (facts->access, "production") == 0)
        g_ptr_array_add (found, sd_change_new (SD_CHANGE_PRODUCTION_ACCESS_GRANTED, now, p, r,
                                               old_access, facts->access, NULL));
      else if (g_strcmp0 (facts->access, "denied") == 0)
        g_ptr_array_add (found, sd_change_new (SD_CHANGE_PRODUCTION_ACCESS_DENIED, now, p, r,
                                               old_access, facts->access, NULL));
      else if (g_strcmp0 (facts->access, "failed") == 0)
        g_ptr_array_add (found, sd_change_new (SD_CHANGE_REVIEW_FAILED, now, p, r,
                                               old_access, facts->access, NULL));
    }

  if (old_enforcement != NULL && facts->enforcement_status != NULL &&
      g_strcmp0 (old_enforcement, facts->enforcement_status) != 0)
    g_ptr_array_add (found, sd_change_new (SD_CHANGE_ENFORCEMENT_CHANGED, now, p, r,
                                           old_enforcement, facts->enforcement_status, NULL));

  if (old_sending && !facts->sending_enabled)
    g_ptr_array_add (found, sd_change_new (SD_CHANGE_SENDING_DISABLED, now, p, r, NULL, NULL, NULL));
  else if (!old_sending && facts->sending_enabled)
    g_ptr_array_add (found, sd_change_new (SD_CHANGE_SENDING_ENABLED, now, p, r, NULL, NULL, NULL));

  compare_band (found, SD_CHANGE_BOUNCE_RATE_CROSSED, sd_json_get_string (old, "bounce"),
                facts->bounce_band, facts, now);
  compare_band (found, SD_CHANGE_COMPLAINT_RATE_CROSSED, sd_json_get_string (old, "complaint"),
                facts->complaint_band, facts, now);

  /* Done now, and warming (not done) last time: a new IP already warm is no event. */
  for (guint i = 0; facts->warm_ips != NULL && facts->warm_ips[i] != NULL; i++)
    if (array_has (old_warming, facts->warm_ips[i]) && !array_has (old_warm, facts->warm_ips[i]))
      g_ptr_array_add (found, sd_change_new (SD_CHANGE_WARMUP_DONE, now, p, r, NULL, NULL,
                                             facts->warm_ips[i]));

  /* −1 is unlimited, the highest quota of all. */
  if (old_quota >= 0 && (facts->max_24_hour_send < 0 || facts->max_24_hour_send > old_quota))
    {
      g_autofree char *from = format_quota (old_quota);
      g_autofree char *to = format_quota (facts->max_24_hour_send);

      g_ptr_array_add (found, sd_change_new (SD_CHANGE_QUOTA_RAISED, now, p, r, from, to, NULL));
    }
}

/* Reads the file: NULL and no error when it does not exist. A file that is
 * not ours is moved aside and reported. */
static JsonObject *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  root = sd_state_file_read_json (path, &local_error);
  if (root != NULL && sd_json_get_object (root, "regions") != NULL &&
      sd_json_get_array (root, "changes") != NULL)
    return root;
  g_clear_pointer (&root, json_object_unref);

  {
    g_autofree char *aside = g_strdup_printf ("%s.bad-%" G_GINT64_FORMAT, path,
                                              g_get_real_time () / G_USEC_PER_SEC);

    g_rename (path, aside);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("The list of changes in %s could not be read (%s); it was kept as %s and starts afresh"),
                 path, local_error != NULL ? local_error->message : _("not a list of changes"),
                 aside);
  }
  return NULL;
}

static void
set_changes_from (SdChangeLog *self,
                  JsonObject  *root)
{
  JsonArray *array = sd_json_get_array (root, "changes");
  guint removed = self->changes->len;

  self->loaded = TRUE;
  g_ptr_array_set_size (self->changes, 0);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SdChange *change;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      change = sd_change_new_from_json (json_node_get_object (node), NULL);
      if (change != NULL)
        g_ptr_array_add (self->changes, change);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->changes->len);
}

static int
lock_file (const char *path)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) < 0 && errno == EINTR)
    ;
  return fd;
}

/* GListModel */

static GType
sd_change_log_get_item_type (GListModel *model)
{
  return SD_TYPE_CHANGE;
}

static guint
sd_change_log_get_n_items (GListModel *model)
{
  return SD_CHANGE_LOG (model)->changes->len;
}

static gpointer
sd_change_log_get_item (GListModel *model,
                        guint       position)
{
  SdChangeLog *self = SD_CHANGE_LOG (model);

  if (position >= self->changes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->changes, position));
}

static void
sd_change_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_change_log_get_item_type;
  iface->get_n_items = sd_change_log_get_n_items;
  iface->get_item = sd_change_log_get_item;
}

/* Overrides */

static void
sd_change_log_finalize (GObject *object)
{
  SdChangeLog *self = SD_CHANGE_LOG (object);

  g_free (self->path);
  g_ptr_array_unref (self->changes);

  G_OBJECT_CLASS (sd_change_log_parent_class)->finalize (object);
}

static void
sd_change_log_class_init (SdChangeLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_change_log_finalize;

  signals[DETECTED] =
    g_signal_new ("detected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
sd_change_log_init (SdChangeLog *self)
{
  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

SdRegionFacts *
sd_region_facts_new (const char *profile,
                     const char *region)
{
  SdRegionFacts *facts = g_new0 (SdRegionFacts, 1);

  facts->profile = g_strdup (profile);
  facts->region = g_strdup (region);
  facts->sending_enabled = TRUE;
  return facts;
}

void
sd_region_facts_free (SdRegionFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->profile);
  g_free (facts->region);
  g_free (facts->access);
  g_free (facts->enforcement_status);
  g_strfreev (facts->warm_ips);
  g_strfreev (facts->warming_ips);
  g_free (facts);
}

SdChangeLog *
sd_change_log_new (const char *path)
{
  SdChangeLog *self = g_object_new (SD_TYPE_CHANGE_LOG, NULL);

  if (path != NULL)
    self->path = g_strdup (path);
  else
    {
      g_autofree char *dir = sd_state_file_default_dir ();

      self->path = g_build_filename (dir, "changes.json", NULL);
    }
  return self;
}

const char *
sd_change_log_get_path (SdChangeLog *self)
{
  g_return_val_if_fail (SD_IS_CHANGE_LOG (self), NULL);
  return self->path;
}

gboolean
sd_change_log_get_loaded (SdChangeLog *self)
{
  g_return_val_if_fail (SD_IS_CHANGE_LOG (self), FALSE);
  return self->loaded;
}

gboolean
sd_change_log_load (SdChangeLog  *self,
                    GError      **error)
{
  g_autoptr(JsonObject) root = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SD_IS_CHANGE_LOG (self), FALSE);

  root = read_file (self->path, &local_error);
  /* A file set aside leaves the list as it was: the log starts afresh. */
  self->loaded = TRUE;
  if (root != NULL)
    set_changes_from (self, root);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The part of an update that reads and writes the file (any thread): the
 * new contents, with what changed added to @found; NULL with @error when
 * the file could not be written. */
static JsonObject *
record (const char  *path,
        GPtrArray   *facts,
        gint64       now,
        GPtrArray   *found,
        GError     **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autofree char *dir = NULL;
  JsonObject *regions;
  JsonArray *changes;
  int lock_fd;
  gboolean ok;

  dir = g_path_get_dirname (path);
  if (!sd_state_file_ensure_dir (dir, error))
    return NULL;

  lock_fd = lock_file (path);
  /* A file that cannot be read was moved aside: start afresh, as on a first run. */
  root = read_file (path, NULL);
  if (root == NULL)
    {
      root = json_object_new ();
      json_object_set_object_member (root, "regions", json_object_new ());
      json_object_set_array_member (root, "changes", json_array_new ());
    }
  json_object_set_int_member (root, "version", FILE_VERSION);
  regions = sd_json_get_object (root, "regions");

  for (guint i = 0; facts != NULL && i < facts->len; i++)
    {
      const SdRegionFacts *f = g_ptr_array_index (facts, i);
      g_autofree char *key = region_key (f->profile, f->region);
      JsonObject *old = sd_json_get_object (regions, key);

      if (old != NULL)
        compare (found, old, f, now);
      json_object_set_object_member (regions, key, facts_to_state (f, old));
    }

  /* Newest first: this update's changes, then the older ones still young enough. */
  for (guint i = found->len; i > 0; i--)
    json_array_add_object_element (kept, sd_change_to_json (g_ptr_array_index (found, i - 1)));
  changes = sd_json_get_array (root, "changes");
  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonNode *node = json_array_get_element (changes, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          sd_json_get_double (json_node_get_object (node), "time", 0) >= now - SD_CHANGE_LOG_KEEP_DAYS * (gint64) DAY)
        json_array_add_element (kept, json_node_copy (node));
    }
  json_object_set_array_member (root, "changes", json_array_ref (kept));

  ok = sd_state_file_write_json (path, root, error);
  if (lock_fd >= 0)
    close (lock_fd);
  return ok ? g_steal_pointer (&root) : NULL;
}

typedef struct
{
  GPtrArray  *facts;
  gint64      now;
  GPtrArray  *found;
  JsonObject *root;
} Update;

static void
update_free (gpointer data)
{
  Update *update = data;

  g_clear_pointer (&update->facts, g_ptr_array_unref);
  g_clear_pointer (&update->found, g_ptr_array_unref);
  g_clear_pointer (&update->root, json_object_unref);
  g_free (update);
}

static void
update_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SdChangeLog *self = source_object;
  Update *update = task_data;
  GError *error = NULL;

  update->root = record (self->path, update->facts, update->now, update->found, &error);
  if (update->root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sd_change_log_update_async (SdChangeLog         *self,
                            GPtrArray           *facts,
                            gint64               now,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Update *update;

  g_return_if_fail (SD_IS_CHANGE_LOG (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sd_change_log_update_async);
  update = g_new0 (Update, 1);
  update->facts = g_ptr_array_ref (facts);
  update->now = now;
  update->found = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, update, update_free);
  g_task_run_in_thread (task, update_in_thread);
}

GPtrArray *
sd_change_log_update_finish (SdChangeLog   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  Update *update;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  /* The list takes the file's new contents; "detected" says what changed. */
  update = g_task_get_task_data (G_TASK (result));
  set_changes_from (self, update->root);
  if (update->found->len > 0)
    g_signal_emit (self, signals[DETECTED], 0, update->found);
  return g_ptr_array_ref (update->found);
}
