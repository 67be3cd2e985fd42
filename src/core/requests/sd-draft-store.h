/* sd-draft-store.h — requests saved as the user types, back after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sd-request.h"

G_BEGIN_DECLS

/* One file per request (<id>.json, mode 0600) in a private folder, each
 * replaced atomically (sd_state_file_write_atomic()): after a crash or a
 * kill -9 every draft is either its previous or its new version. */
#define SD_TYPE_DRAFT_STORE (sd_draft_store_get_type ())
G_DECLARE_FINAL_TYPE (SdDraftStore, sd_draft_store, SD, DRAFT_STORE, GObject)

/* @directory: where the drafts live; NULL = $XDG_STATE_HOME/ses-desk/drafts. */
SdDraftStore *sd_draft_store_new           (const char    *directory);
const char   *sd_draft_store_get_directory (SdDraftStore  *self);
/* Saves @quiet_ms after the last change, and never later than @max_ms after
 * the first unsaved one (defaults 500 and 900). */
void          sd_draft_store_set_delays    (SdDraftStore  *self,
                                            guint          quiet_ms,
                                            guint          max_ms);
/* Saves @request as the user changes it (a reference is kept), and once now. */
void          sd_draft_store_track         (SdDraftStore  *self,
                                            SdRequest     *request);
/* Saves what is pending, then stops following @request. */
void          sd_draft_store_untrack       (SdDraftStore  *self,
                                            SdRequest     *request);
/* Saves @request now. */
gboolean      sd_draft_store_save          (SdDraftStore  *self,
                                            SdRequest     *request,
                                            GError       **error);
/* Saves every tracked request with unsaved changes now (on quit). */
gboolean      sd_draft_store_flush         (SdDraftStore  *self,
                                            GError       **error);
/* Every saved draft (SdRequest), most recently changed first. A file that
 * cannot be read is renamed *.broken and reported in @broken (may be NULL,
 * paths appended), never deleted. */
GPtrArray    *sd_draft_store_load_all      (SdDraftStore  *self,
                                            GPtrArray     *broken,
                                            GError       **error);
/* Loads draft @id. */
SdRequest    *sd_draft_store_load          (SdDraftStore  *self,
                                            const char    *id,
                                            GError       **error);
/* Removes draft @id (sent, or thrown away by the user) and stops tracking it. */
gboolean      sd_draft_store_discard       (SdDraftStore  *self,
                                            const char    *id,
                                            GError       **error);
/* The last save's failure (a full disk…), or NULL after a good save. */
const GError *sd_draft_store_get_last_error (SdDraftStore *self);

G_END_DECLS
