/* sd-change-log.h — what changed in each region since the last refresh, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file ($XDG_STATE_HOME/ses-desk/changes.json, 0600, replaced
 * atomically with sd_state_file_write_json()) holds both the last state seen
 * of every region and the changes found so far, so that a change is found
 * once and only once, also across a restart and between the app and
 * `ses-desk-cli`: each update re-reads the file under a lock, compares,
 * and writes state and changes together. Changes older than 90 days go.
 */
#pragma once

#include <gio/gio.h>
#include "sd-change.h"
#include "sd-health.h"

G_BEGIN_DECLS

/* How long a change stays in the list. */
#define SD_CHANGE_LOG_KEEP_DAYS 90

/* What the comparison looks at in one region; filled by the dashboard
 * (sd_region_status_dup_facts()) from a successful load. */
typedef struct {
  char        *profile;            /* owned */
  char        *region;             /* owned */
  char        *access;             /* owned; sd_sandbox_state_to_id(): "sandbox", "production", "pending", "denied", "failed" */
  char        *enforcement_status; /* owned, nullable */
  gboolean     sending_enabled;
  SdRateBand   bounce_band;
  SdRateBand   complaint_band;
  double       max_24_hour_send;   /* −1 unlimited */
  GStrv        warm_ips;           /* owned, nullable; dedicated IPs whose warm-up is done */
  GStrv        warming_ips;        /* owned, nullable; dedicated IPs still warming up */
} SdRegionFacts;

SdRegionFacts *sd_region_facts_new   (const char *profile,
                                      const char *region);
void           sd_region_facts_free  (SdRegionFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdRegionFacts, sd_region_facts_free)

/* A GListModel of SdChange, newest first. */
#define SD_TYPE_CHANGE_LOG (sd_change_log_get_type ())
G_DECLARE_FINAL_TYPE (SdChangeLog, sd_change_log, SD, CHANGE_LOG, GObject)

/* The log kept in @path (NULL: changes.json in sd_state_file_default_dir()).
 * Reads nothing yet. */
SdChangeLog   *sd_change_log_new     (const char *path);
const char    *sd_change_log_get_path (SdChangeLog *self);
/* Whether the list holds the file's contents: read by sd_change_log_load(),
 * or given by an update (sd_change_log_update_finish()). */
gboolean       sd_change_log_get_loaded (SdChangeLog *self);
/* Reads the file into the list (a missing file is an empty log). A file that
 * cannot be read is moved aside (changes.json.bad-<time>) and reported in
 * @error; the log then starts afresh, as on a first run. Synchronous: the
 * file is small. */
gboolean       sd_change_log_load    (SdChangeLog  *self,
                                      GError      **error);
/* Compares each region of @facts (of SdRegionFacts) with its last state
 * seen, records the new states and appends what changed; a region never
 * seen before only records its state (nothing is found on the very first
 * load). Drops changes older than SD_CHANGE_LOG_KEEP_DAYS before @now.
 * The file is read and written on a thread of its own (a fleet's file is
 * large enough to hold the main loop): @facts (a reference is taken) is
 * read there and must not change meanwhile. _finish() updates the list and
 * returns the changes found by this call (of SdChange, possibly empty), or
 * NULL with @error when the file could not be written (nothing is then
 * recorded, so the same changes are found next time); it emits "detected"
 * with the same array when it is not empty. */
void           sd_change_log_update_async  (SdChangeLog         *self,
                                            GPtrArray           *facts,
                                            gint64               now,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray     *sd_change_log_update_finish (SdChangeLog         *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Signal "detected" (GPtrArray *changes): emitted by sd_change_log_update_finish()
 * with the changes just found, in the order found; the UI notifies them,
 * grouped when there are several. */

G_END_DECLS
