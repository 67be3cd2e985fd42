/* sd-outbox-private.h — SdOutbox's fields and shared steps, for the files of
 * the one class (sd-outbox.c: the object and its journal; -send.c: sending;
 * -reconcile.c: finding at AWS what a send left open; -quotas.c: the managed
 * pool and the quota requests AWS keeps)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-outbox.h"
#include "sd-outbox-entry-private.h"

G_BEGIN_DECLS

struct _SdOutbox
{
  GObject       parent_instance;

  SdAwsClient  *client;        /* owned */
  char         *directory;     /* owned */
  char         *journal_path;  /* owned */
  GListStore   *entries;       /* owned; of SdOutboxEntry, newest first */
  SdDraftStore *drafts;        /* owned, nullable */
  guint         settle_ms;
  GCancellable *cancellable;   /* owned: the outbox's own writes and reconciliations */
  guint         busy;
};

/* sd-outbox.c */

/* The outbox is busy while any send or reconciliation runs ("busy"). */
void     sd_outbox_busy_hold            (SdOutbox       *self);
void     sd_outbox_busy_release         (SdOutbox       *self);
/* The wall clock, in seconds since the epoch. */
double   sd_outbox_now_seconds          (void);
/* Emits "region-changed": what AWS has for @profile in @region changed. */
void     sd_outbox_emit_region_changed  (SdOutbox       *self,
                                         const char     *profile,
                                         const char     *region);
/* Writes the whole journal; TRUE once it is on disk. */
gboolean sd_outbox_journal_save         (SdOutbox       *self,
                                         GError        **error);
/* After a state change that already happened at AWS: a failed write is
 * logged, and the next change writes everything again. */
void     sd_outbox_journal_save_quietly (SdOutbox       *self);
/* TRUE when @error says AWS did not act on the write (so it may be sent
 * again), FALSE when AWS may have acted. */
gboolean sd_outbox_error_is_definite    (const GError   *error);
/* @entry is at AWS: CONFIRMED, and the draft goes once AWS has every region
 * of its request. */
void     sd_outbox_confirm_entry        (SdOutbox       *self,
                                         SdOutboxEntry  *entry);
/* The review status and case of a GetAccount answer, into @entry. */
void     sd_outbox_apply_review         (SdOutboxEntry  *entry,
                                         JsonObject     *account);
/* A Service Quotas RequestedQuota (its id, status and case), into @entry. */
void     sd_outbox_apply_quota_request  (SdOutboxEntry  *entry,
                                         JsonObject     *requested);

/* sd-outbox-send.c */

/* Ends an entry's task (its data is the entry): not busy, journal written,
 * and the reference the caller passes in dropped. */
void     sd_outbox_finish_entry_task    (GTask          *task);
/* The request leaves: SENDING on disk first. */
void     sd_outbox_send_entry_now       (GTask          *task);
/* Sends one entry that is PENDING (or FAILED, for send again). An entry
 * that left before is looked for at AWS first: an earlier attempt that
 * arrived late must not be doubled. */
void     sd_outbox_send_entry_async     (SdOutbox            *self,
                                         SdOutboxEntry       *entry,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean sd_outbox_send_entry_finish    (SdOutbox       *self,
                                         GAsyncResult   *result,
                                         GError        **error);

/* sd-outbox-reconcile.c */

/* One pass over @entry; @task (taken) has the entry as its data and ends
 * when the pass has an outcome. */
void     sd_outbox_reconcile_entry      (SdOutbox       *self,
                                         SdOutboxEntry  *entry,
                                         GTask          *task);

G_END_DECLS
