/* sd-draft-store.c — requests saved as the user types, back after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-draft-store.h"
#include "sd-state-file.h"

#define DEFAULT_QUIET_MS 500
#define DEFAULT_MAX_MS   900   /* under a second even with a late timer */

typedef struct {
  SdDraftStore *store;      /* unowned */
  SdRequest    *request;    /* owned */
  gulong        handler;
  guint         source;
  gint64        first_dirty; /* monotonic µs of the first unsaved change, or 0 */
} Tracked;

struct _SdDraftStore
{
  GObject     parent_instance;

  char       *directory;    /* owned */
  guint       quiet_ms;
  guint       max_ms;
  GHashTable *tracked;      /* request id → Tracked */
  GError     *last_error;   /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdDraftStore, sd_draft_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static char *
draft_path (SdDraftStore *self,
            const char   *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (self->directory, name, NULL);
}

static void
set_last_error (SdDraftStore *self,
                const GError *error)
{
  if (error == NULL && self->last_error == NULL)
    return;
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
tracked_free (gpointer data)
{
  Tracked *tracked = data;

  g_clear_handle_id (&tracked->source, g_source_remove);
  g_clear_signal_handler (&tracked->handler, tracked->request);
  g_object_unref (tracked->request);
  g_free (tracked);
}

static gboolean
save_tracked (Tracked  *tracked,
              GError  **error)
{
  tracked->first_dirty = 0;
  g_clear_handle_id (&tracked->source, g_source_remove);
  return sd_draft_store_save (tracked->store, tracked->request, error);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  Tracked *tracked = user_data;

  tracked->source = 0;
  save_tracked (tracked, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_request_modified (SdRequest  *request,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  Tracked *tracked = user_data;
  SdDraftStore *self = tracked->store;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;

  if (tracked->first_dirty == 0)
    tracked->first_dirty = now;
  /* Quiet after the last keystroke, but never later than max after the
   * first unsaved one: steady typing still gets saved. */
  deadline = MIN (now + (gint64) self->quiet_ms * 1000, tracked->first_dirty + (gint64) self->max_ms * 1000);
  g_clear_handle_id (&tracked->source, g_source_remove);
  tracked->source = g_timeout_add (MAX (0, (deadline - now) / 1000), on_save_timeout, tracked);
  g_source_set_name_by_id (tracked->source, "[sd-draft] save");
}

static gint
compare_modified (gconstpointer a,
                  gconstpointer b)
{
  gint64 ma = sd_request_get_modified (*(SdRequest **) a);
  gint64 mb = sd_request_get_modified (*(SdRequest **) b);

  return ma < mb ? 1 : ma > mb ? -1 : 0;
}

/* Overrides */

static void
sd_draft_store_dispose (GObject *object)
{
  SdDraftStore *self = SD_DRAFT_STORE (object);

  /* Whatever the user typed last is saved before the store goes. */
  if (self->tracked != NULL)
    {
      sd_draft_store_flush (self, NULL);
      g_clear_pointer (&self->tracked, g_hash_table_unref);
    }

  G_OBJECT_CLASS (sd_draft_store_parent_class)->dispose (object);
}

static void
sd_draft_store_finalize (GObject *object)
{
  SdDraftStore *self = SD_DRAFT_STORE (object);

  g_free (self->directory);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (sd_draft_store_parent_class)->finalize (object);
}

static void
sd_draft_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdDraftStore *self = SD_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_draft_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdDraftStore *self = SD_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_draft_store_constructed (GObject *object)
{
  SdDraftStore *self = SD_DRAFT_STORE (object);

  G_OBJECT_CLASS (sd_draft_store_parent_class)->constructed (object);
  if (self->directory == NULL)
    {
      g_autofree char *state = sd_state_file_default_dir ();

      self->directory = g_build_filename (state, "drafts", NULL);
    }
}

static void
sd_draft_store_class_init (SdDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_draft_store_dispose;
  object_class->finalize = sd_draft_store_finalize;
  object_class->get_property = sd_draft_store_get_property;
  object_class->set_property = sd_draft_store_set_property;
  object_class->constructed = sd_draft_store_constructed;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdDraftStore::saved:
   * @request: the request whose draft is now on disk
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, SD_TYPE_REQUEST);
}

static void
sd_draft_store_init (SdDraftStore *self)
{
  self->quiet_ms = DEFAULT_QUIET_MS;
  self->max_ms = DEFAULT_MAX_MS;
  self->tracked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tracked_free);
}

/* Public API */

SdDraftStore *
sd_draft_store_new (const char *directory)
{
  return g_object_new (SD_TYPE_DRAFT_STORE, "directory", directory, NULL);
}

const char *
sd_draft_store_get_directory (SdDraftStore *self)
{
  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), NULL);
  return self->directory;
}

void
sd_draft_store_set_delays (SdDraftStore *self,
                           guint         quiet_ms,
                           guint         max_ms)
{
  g_return_if_fail (SD_IS_DRAFT_STORE (self));

  self->quiet_ms = quiet_ms;
  self->max_ms = MAX (quiet_ms, max_ms);
}

void
sd_draft_store_track (SdDraftStore *self,
                      SdRequest    *request)
{
  Tracked *tracked;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SD_IS_DRAFT_STORE (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  if (g_hash_table_contains (self->tracked, sd_request_get_id (request)))
    return;
  tracked = g_new0 (Tracked, 1);
  tracked->store = self;
  tracked->request = g_object_ref (request);
  tracked->handler = g_signal_connect (request, "notify::modified", G_CALLBACK (on_request_modified), tracked);
  g_hash_table_replace (self->tracked, g_strdup (sd_request_get_id (request)), tracked);
  /* A failure is kept in last-error for the UI to show. */
  if (!save_tracked (tracked, &error))
    g_debug ("Could not save the draft: %s", error->message);
}

void
sd_draft_store_untrack (SdDraftStore *self,
                        SdRequest    *request)
{
  Tracked *tracked;

  g_return_if_fail (SD_IS_DRAFT_STORE (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  tracked = g_hash_table_lookup (self->tracked, sd_request_get_id (request));
  if (tracked == NULL)
    return;
  if (tracked->first_dirty != 0)
    save_tracked (tracked, NULL);
  g_hash_table_remove (self->tracked, sd_request_get_id (request));
}

gboolean
sd_draft_store_save (SdDraftStore  *self,
                     SdRequest     *request,
                     GError       **error)
{
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (SD_IS_REQUEST (request), FALSE);

  json = sd_request_to_json (request);
  path = draft_path (self, sd_request_get_id (request));
  if (!sd_state_file_ensure_dir (self->directory, &local_error) ||
      !sd_state_file_write_json (path, json, &local_error))
    {
      /* Kept for the UI to show; the next change tries again. */
      set_last_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_last_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, request);
  return TRUE;
}

gboolean
sd_draft_store_flush (SdDraftStore  *self,
                      GError       **error)
{
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;

  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->tracked);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Tracked *tracked = value;
      g_autoptr(GError) local_error = NULL;

      if (tracked->first_dirty == 0)
        continue;
      if (!save_tracked (tracked, &local_error))
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  return ok;
}

SdRequest *
sd_draft_store_load (SdDraftStore  *self,
                     const char    *id,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) json = NULL;

  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), NULL);

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a draft."), id ? id : "");
      return NULL;
    }
  path = draft_path (self, id);
  json = sd_state_file_read_json (path, error);
  if (json == NULL)
    return NULL;
  return sd_request_new_from_json (json, error);
}

GPtrArray *
sd_draft_store_load_all (SdDraftStore  *self,
                         GPtrArray     *broken,
                         GError       **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), NULL);

  dir = g_dir_open (self->directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  sd_state_file_clean_dir (self->directory);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autoptr(GError) load_error = NULL;
      SdRequest *request;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".json"));
      if (!g_uuid_string_is_valid (id))
        continue;
      request = sd_draft_store_load (self, id, &load_error);
      if (request == NULL)
        {
          g_autofree char *path = draft_path (self, id);
          g_autofree char *aside = g_strconcat (path, ".broken", NULL);

          g_message ("Draft %s cannot be read (%s); kept as %s", path, load_error->message, aside);
          if (g_rename (path, aside) == 0 && broken != NULL)
            g_ptr_array_add (broken, g_steal_pointer (&aside));
          continue;
        }
      g_ptr_array_add (drafts, request);
    }
  g_ptr_array_sort (drafts, compare_modified);
  return g_steal_pointer (&drafts);
}

gboolean
sd_draft_store_discard (SdDraftStore  *self,
                        const char    *id,
                        GError       **error)
{
  g_autofree char *path = NULL;
  int saved;

  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), FALSE);

  if (id == NULL || !g_uuid_string_is_valid (id))
    return TRUE;
  g_hash_table_remove (self->tracked, id);
  path = draft_path (self, id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not remove the draft %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

const GError *
sd_draft_store_get_last_error (SdDraftStore *self)
{
  g_return_val_if_fail (SD_IS_DRAFT_STORE (self), NULL);
  return self->last_error;
}
