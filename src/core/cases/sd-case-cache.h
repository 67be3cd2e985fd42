/* sd-case-cache.h — case lists and threads on disk, for reading offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON documents, one file each, per profile:
 *   <cache>/cases/<profile>/cases.json            the case list
 *   <cache>/cases/<profile>/thread-<case id>.json a thread
 *   <state>/cases/<profile>/seen.json             what the user has seen
 *   <state>/cases/<profile>/draft-<case id>.json  a reply draft
 *   <state>/cases/<profile>/reply-<case id>.json  a reply being sent
 * Directories are 0700 and files 0600; every file is replaced atomically.
 * The cache (threads, list) may be deleted at any time; the state (drafts,
 * replies in flight) must not be. No credentials are ever written. */
#define SD_TYPE_CASE_CACHE (sd_case_cache_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseCache, sd_case_cache, SD, CASE_CACHE, GObject)

/* @cache_dir: NULL = $XDG_CACHE_HOME/ses-desk; @state_dir: NULL =
 * $XDG_STATE_HOME/ses-desk (tests give temporary directories). */
SdCaseCache *sd_case_cache_new             (const char *cache_dir,
                                            const char *state_dir);
/* The default cache, shared by the whole process. */
SdCaseCache *sd_case_cache_get_default     (void);
/* sd_case_cache_get_cache_dir: where cache documents go. */
const char  *sd_case_cache_get_cache_dir   (SdCaseCache *self);
/* sd_case_cache_get_state_dir: where state documents go. */
const char  *sd_case_cache_get_state_dir   (SdCaseCache *self);

/* The path of the cache document @name ("cases", "thread-<case id>") of @profile. */
char        *sd_case_cache_dup_path        (SdCaseCache *self,
                                            const char  *profile,
                                            const char  *name);
/* The path of the state document @name ("seen", "draft-<id>", "reply-<id>"). */
char        *sd_case_cache_dup_state_path  (SdCaseCache *self,
                                            const char  *profile,
                                            const char  *name);

/* Writes a cache document (asynchronously; writes of one file are applied
 * in the order asked, the last one wins). */
void         sd_case_cache_write_async     (SdCaseCache         *self,
                                            const char          *profile,
                                            const char          *name,
                                            JsonObject          *document,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* sd_case_cache_write_finish: whether the document was written. */
gboolean     sd_case_cache_write_finish    (SdCaseCache   *self,
                                            GAsyncResult  *result,
                                            GError       **error);
/* Waits, iterating the thread-default main context, until every write
 * asked for is on disk (before a command-line tool exits, or on quit). */
void         sd_case_cache_flush           (SdCaseCache *self);
/* Reads a cache document: SD_CASE_ERROR_NOT_CACHED when there is none,
 * SD_CASE_ERROR_BAD_DATA when it is not a JSON object. */
void         sd_case_cache_read_async      (SdCaseCache         *self,
                                            const char          *profile,
                                            const char          *name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* sd_case_cache_read_finish: the document's root object. */
JsonObject  *sd_case_cache_read_finish     (SdCaseCache   *self,
                                            GAsyncResult  *result,
                                            GError       **error);

/* State documents are small and must survive a crash: they are written
 * synchronously with sd_state_file_write_json() (as the requests' drafts and
 * outbox): fsync'd, renamed into place, the folder fsync'd. */
gboolean     sd_case_cache_write_state     (SdCaseCache  *self,
                                            const char   *profile,
                                            const char   *name,
                                            JsonObject   *document,
                                            GError      **error);
/* NULL without error when there is none. */
JsonObject  *sd_case_cache_read_state      (SdCaseCache  *self,
                                            const char   *profile,
                                            const char   *name,
                                            GError      **error);
/* sd_case_cache_remove_state: deletes a state document. */
void         sd_case_cache_remove_state    (SdCaseCache  *self,
                                            const char   *profile,
                                            const char   *name);

/* Writes @object as JSON text (compact). */
GBytes      *sd_case_cache_serialize       (JsonObject *object);

G_END_DECLS
