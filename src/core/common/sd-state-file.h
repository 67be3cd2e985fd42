/* sd-state-file.h — the app's state files, written atomically: drafts, the outbox journal, the case cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* $XDG_STATE_HOME/ses-desk (newly allocated). */
char       *sd_state_file_default_dir   (void);
/* Creates @dir and its parents, private to the user (0700). */
gboolean    sd_state_file_ensure_dir    (const char  *dir,
                                         GError     **error);
/* Replaces @path by @data as a whole or not at all: a private (0600)
 * temporary file in the same directory, written, fsync'd, renamed over
 * @path, then the directory fsync'd, so that a crash or kill -9 at any
 * moment leaves either the old or the new file, never a mix. Synchronous:
 * these files are a few kilobytes, and the journal must be on disk before a
 * request leaves. */
gboolean    sd_state_file_write_atomic  (const char  *path,
                                         const char  *data,
                                         gsize        length,
                                         GError     **error);
/* @object as JSON written with sd_state_file_write_atomic(). */
gboolean    sd_state_file_write_json    (const char  *path,
                                         JsonObject  *object,
                                         GError     **error);
/* Reads a JSON object written by sd_state_file_write_json(); NULL with
 * @error set when the file is missing or not a JSON object. */
JsonObject *sd_state_file_read_json     (const char  *path,
                                         GError     **error);
/* Removes temporary files a killed writer left in @dir. */
void        sd_state_file_clean_dir     (const char  *dir);

G_END_DECLS
