/* sd-state-file.c — the app's state files, written atomically: drafts, the outbox journal, the case cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-state-file.h"

#define TEMP_PREFIX ".sd-tmp-"

/* Auxiliary functions */

/* @what is a whole translated sentence start such as "Could not write /x". */
static gboolean
set_errno_error (GError **error,
                 int      saved_errno,
                 char    *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", what, g_strerror (saved_errno));
  g_free (what);
  return FALSE;
}

static gboolean
fsync_dir (const char  *dir,
           GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      return set_errno_error (error, saved, g_strdup_printf (_("Could not open the folder %s"), dir));
    }
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved = errno;
      close (fd);
      return set_errno_error (error, saved, g_strdup_printf (_("Could not save the folder %s to disk"), dir));
    }
  close (fd);
  return TRUE;
}

/* Public API */

char *
sd_state_file_default_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "ses-desk", NULL);
}

gboolean
sd_state_file_ensure_dir (const char  *dir,
                          GError     **error)
{
  int saved;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      return set_errno_error (error, saved, g_strdup_printf (_("Could not create the folder %s"), dir));
    }
  return TRUE;
}

gboolean
sd_state_file_write_atomic (const char  *path,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strconcat (dir, G_DIR_SEPARATOR_S, TEMP_PREFIX, base, ".XXXXXX", NULL);
  gsize written = 0;
  int fd;
  int saved;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      return set_errno_error (error, saved, g_strdup_printf (_("Could not create a file in %s"), dir));
    }

  while (written < length)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      written += n;
    }
  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (rename (temp, path) != 0)
    goto fail;
  return fsync_dir (dir, error);

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  return set_errno_error (error, saved, g_strdup_printf (_("Could not write %s"), path));
}

gboolean
sd_state_file_write_json (const char  *path,
                          JsonObject  *object,
                          GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, TRUE);
  with_newline = g_strconcat (text, "\n", NULL);
  return sd_state_file_write_atomic (path, with_newline, strlen (with_newline), error);
}

JsonObject *
sd_state_file_read_json (const char  *path,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonNode *root;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (!g_utf8_validate (text, length, NULL) || !sd_json_load (parser, text, length) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is not a file SES Desk wrote."), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

void
sd_state_file_clean_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, TEMP_PREFIX))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
}
