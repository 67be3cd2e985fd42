/* sd-case-cache.c — case lists and threads on disk, for reading offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-case.h"
#include "sd-case-cache.h"
#include "sd-state-file.h"

/* A cache file larger than this is not ours (a thread of 2,000 long
 * messages is about 20 MB). */
#define MAX_DOCUMENT_BYTES (64 * 1024 * 1024)
/* Ours nest four deep; AWS's answers not much more. */

struct _SdCaseCache {
  GObject     parent_instance;

  char       *cache_dir;   /* owned */
  char       *state_dir;   /* owned */
  GHashTable *writes;      /* path → PendingWrite, the writes under way */
};

G_DEFINE_FINAL_TYPE (SdCaseCache, sd_case_cache, G_TYPE_OBJECT)

/* One file being written, and the newest content waiting for its turn. */
typedef struct {
  char   *path;
  GList  *tasks;        /* GTask, completed when the current write ends */
  GBytes *next;         /* nullable */
  GList  *next_tasks;   /* GTask */
} PendingWrite;

static SdCaseCache *default_cache;

/* Auxiliary functions */

static void
pending_write_free (PendingWrite *pending)
{
  g_free (pending->path);
  g_list_free_full (pending->tasks, g_object_unref);
  g_clear_pointer (&pending->next, g_bytes_unref);
  g_list_free_full (pending->next_tasks, g_object_unref);
  g_free (pending);
}

/* A file-name-safe form of @text: [A-Za-z0-9_-] kept, anything else
 * (and any name that could collide after that) gets a hash suffix. */
static char *
safe_component (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean changed = FALSE;

  for (const char *p = text; *p != '\0' && out->len < 80; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (out, *p);
      else
        {
          g_string_append_c (out, '_');
          changed = TRUE;
        }
    }
  if (strlen (text) > 80)
    changed = TRUE;
  if (changed || out->len == 0)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      g_string_append_printf (out, "-%.12s", digest);
    }
  return g_string_free (out, FALSE);
}

static char *
document_path (const char *base,
               const char *profile,
               const char *name)
{
  g_autofree char *profile_part = safe_component (profile != NULL ? profile : "default");
  g_autofree char *name_part = safe_component (name);
  g_autofree char *file = g_strconcat (name_part, ".json", NULL);

  return g_build_filename (base, "cases", profile_part, file, NULL);
}

static gboolean
ensure_parent (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}


static JsonObject *
parse_document (const char  *data,
                gsize        len,
                const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (len > MAX_DOCUMENT_BYTES || !sd_json_load (parser, data, len) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                   _("The saved file %s cannot be read; it will be replaced."), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static void start_write (SdCaseCache *self, PendingWrite *pending, GBytes *bytes);

static void
on_replaced (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SdCaseCache *self = SD_CASE_CACHE (user_data);
  g_autofree char *path = g_file_get_path (G_FILE (source));
  PendingWrite *pending = g_hash_table_lookup (self->writes, path);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);
  /* An existing file keeps its mode when replaced: make sure it is ours. */
  if (error == NULL)
    g_chmod (path, 0600);

  g_assert (pending != NULL);
  for (GList *l = pending->tasks; l != NULL; l = l->next)
    {
      if (error != NULL)
        g_task_return_error (l->data, g_error_copy (error));
      else
        g_task_return_boolean (l->data, TRUE);
    }
  g_list_free_full (g_steal_pointer (&pending->tasks), g_object_unref);

  if (pending->next != NULL)
    {
      g_autoptr(GBytes) next = g_steal_pointer (&pending->next);

      pending->tasks = g_steal_pointer (&pending->next_tasks);
      start_write (self, pending, next);
    }
  else
    g_hash_table_remove (self->writes, path);

  g_object_unref (self);
}

static void
start_write (SdCaseCache  *self,
             PendingWrite *pending,
             GBytes       *bytes)
{
  g_autoptr(GFile) file = g_file_new_for_path (pending->path);

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_replaced, g_object_ref (self));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *data = NULL;
  g_autofree char *path = g_file_get_path (G_FILE (source));
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  JsonObject *object;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &len, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_NOT_CACHED,
                                 _("Nothing has been saved for reading offline yet."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = parse_document (data, len, path, &error);
  if (object == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
}

/* Overrides */

static void
sd_case_cache_finalize (GObject *object)
{
  SdCaseCache *self = SD_CASE_CACHE (object);

  g_free (self->cache_dir);
  g_free (self->state_dir);
  g_hash_table_unref (self->writes);
  G_OBJECT_CLASS (sd_case_cache_parent_class)->finalize (object);
}

static void
sd_case_cache_class_init (SdCaseCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_case_cache_finalize;
}

static void
sd_case_cache_init (SdCaseCache *self)
{
  self->writes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) pending_write_free);
}

/* Public API */

SdCaseCache *
sd_case_cache_new (const char *cache_dir,
                   const char *state_dir)
{
  SdCaseCache *self = g_object_new (SD_TYPE_CASE_CACHE, NULL);

  self->cache_dir = cache_dir != NULL ? g_strdup (cache_dir)
                                      : g_build_filename (g_get_user_cache_dir (), "ses-desk", NULL);
  self->state_dir = state_dir != NULL ? g_strdup (state_dir)
                                      : g_build_filename (g_get_user_state_dir (), "ses-desk", NULL);
  return self;
}

SdCaseCache *
sd_case_cache_get_default (void)
{
  if (default_cache == NULL)
    default_cache = sd_case_cache_new (NULL, NULL);
  return default_cache;
}

const char *
sd_case_cache_get_cache_dir (SdCaseCache *self)
{
  g_return_val_if_fail (SD_IS_CASE_CACHE (self), NULL);
  return self->cache_dir;
}

const char *
sd_case_cache_get_state_dir (SdCaseCache *self)
{
  g_return_val_if_fail (SD_IS_CASE_CACHE (self), NULL);
  return self->state_dir;
}

char *
sd_case_cache_dup_path (SdCaseCache *self,
                        const char  *profile,
                        const char  *name)
{
  g_return_val_if_fail (SD_IS_CASE_CACHE (self), NULL);
  return document_path (self->cache_dir, profile, name);
}

char *
sd_case_cache_dup_state_path (SdCaseCache *self,
                              const char  *profile,
                              const char  *name)
{
  g_return_val_if_fail (SD_IS_CASE_CACHE (self), NULL);
  return document_path (self->state_dir, profile, name);
}

GBytes *
sd_case_cache_serialize (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

void
sd_case_cache_write_async (SdCaseCache         *self,
                           const char          *profile,
                           const char          *name,
                           JsonObject          *document,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PendingWrite *pending;

  g_return_if_fail (SD_IS_CASE_CACHE (self));
  g_return_if_fail (document != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_cache_write_async);

  path = document_path (self->cache_dir, profile, name);
  if (!ensure_parent (path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = sd_case_cache_serialize (document);

  pending = g_hash_table_lookup (self->writes, path);
  if (pending != NULL)
    {
      /* One write of a file at a time, or an older content could be
       * renamed over a newer one. */
      g_clear_pointer (&pending->next, g_bytes_unref);
      pending->next = g_steal_pointer (&bytes);
      pending->next_tasks = g_list_append (pending->next_tasks, g_steal_pointer (&task));
      return;
    }

  pending = g_new0 (PendingWrite, 1);
  pending->path = g_steal_pointer (&path);
  pending->tasks = g_list_append (NULL, g_steal_pointer (&task));
  g_hash_table_insert (self->writes, pending->path, pending);
  start_write (self, pending, bytes);
}

gboolean
sd_case_cache_write_finish (SdCaseCache   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_cache_flush (SdCaseCache *self)
{
  g_return_if_fail (SD_IS_CASE_CACHE (self));

  while (g_hash_table_size (self->writes) > 0)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

void
sd_case_cache_read_async (SdCaseCache         *self,
                          const char          *profile,
                          const char          *name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GTask *task;

  g_return_if_fail (SD_IS_CASE_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_cache_read_async);
  path = document_path (self->cache_dir, profile, name);
  file = g_file_new_for_path (path);
  g_file_load_contents_async (file, cancellable, on_loaded, task);
}

JsonObject *
sd_case_cache_read_finish (SdCaseCache   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sd_case_cache_write_state (SdCaseCache  *self,
                           const char   *profile,
                           const char   *name,
                           JsonObject   *document,
                           GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SD_IS_CASE_CACHE (self), FALSE);

  path = document_path (self->state_dir, profile, name);
  if (!ensure_parent (path, error))
    return FALSE;
  /* The same files as the requests' drafts and outbox: a private temporary
   * file, fsync'd, renamed into place, the folder fsync'd. The old or the
   * new content after a crash, never a mix, and on disk before we go on. */
  return sd_state_file_write_json (path, document, error);
}

JsonObject *
sd_case_cache_read_state (SdCaseCache  *self,
                          const char   *profile,
                          const char   *name,
                          GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *document;

  g_return_val_if_fail (SD_IS_CASE_CACHE (self), NULL);

  path = document_path (self->state_dir, profile, name);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  document = sd_state_file_read_json (path, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA, "%s", local_error->message);
    }
  return document;
}

void
sd_case_cache_remove_state (SdCaseCache *self,
                            const char  *profile,
                            const char  *name)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SD_IS_CASE_CACHE (self));
  path = document_path (self->state_dir, profile, name);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}
