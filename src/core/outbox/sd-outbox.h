/* sd-outbox.h — requests sent at most once, never lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every send is journalled (outbox.json, replaced atomically and fsync'd
 * with its folder) before the request leaves. Writes are never retried
 * blindly: after an answer that leaves it open whether AWS acted (timeout,
 * dropped connection, 5xx, an answer cut short) the entry is reconciled —
 * DescribeCases for its reference, GetAccount ReviewDetails, the quota's
 * request history — and only when AWS has no trace of it, after a settling
 * time, is it offered to be sent again. Unfinished entries are reconciled
 * the same way at start.
 */
#pragma once

#include <gio/gio.h>

#include "sd-aws-client.h"
#include "sd-draft-store.h"
#include "sd-outbox-entry.h"
#include "sd-request.h"

G_BEGIN_DECLS

#define SD_OUTBOX_ERROR (sd_outbox_error_quark ())

typedef enum {
  SD_OUTBOX_ERROR_INVALID,      /* the request has fields to fix */
  SD_OUTBOX_ERROR_JOURNAL,      /* the journal could not be read or written: nothing was sent */
  SD_OUTBOX_ERROR_NOT_ALLOWED,  /* send again on an entry that may have arrived */
} SdOutboxError;

GQuark sd_outbox_error_quark (void);

#define SD_TYPE_OUTBOX (sd_outbox_get_type ())
G_DECLARE_FINAL_TYPE (SdOutbox, sd_outbox, SD, OUTBOX, GObject)

/* Loads the journal of @directory (NULL = $XDG_STATE_HOME/ses-desk). A
 * journal that cannot be read is kept aside (outbox.json.broken-<time>) and
 * reported in @error, and the outbox starts empty; NULL only when the folder
 * cannot be made. Entries left pending become failed (they never left); those
 * left sending become uncertain: call sd_outbox_reconcile_async(). */
SdOutbox      *sd_outbox_new                 (SdAwsClient   *client,
                                              const char    *directory,
                                              GError       **error);
/* The journal as a GListModel of SdOutboxEntry, newest first. */
GListModel    *sd_outbox_get_entries         (SdOutbox      *self);
const char    *sd_outbox_get_journal_path    (SdOutbox      *self);
/* Drafts of requests whose every region AWS confirmed are removed from @drafts. */
void           sd_outbox_set_draft_store     (SdOutbox      *self,
                                              SdDraftStore  *drafts);
/* How long after sending a request that left no trace counts as not sent
 * (default 60 s): a slow request may still arrive. */
void           sd_outbox_set_settle_time     (SdOutbox      *self,
                                              guint          milliseconds);
/* TRUE while a send, a reconciliation or a scheduled one is under way. */
gboolean       sd_outbox_get_busy            (SdOutbox      *self);
/* The entry of @request's @region part, or NULL. */
SdOutboxEntry *sd_outbox_find_entry          (SdOutbox      *self,
                                              const char    *request_id,
                                              const char    *region);

/* Sends each region of @request (each its own entry): a fresh check first
 * (review pending or denied, an open quota request, no Support API access
 * give entries that need the user and send nothing), then one region after
 * the other, each journalled before it leaves. A region whose entry is
 * pending, sending, uncertain or confirmed is not sent again. @cancellable
 * stops the check only: once journalled, a send runs to its end. */
void           sd_outbox_send_async          (SdOutbox            *self,
                                              SdRequest           *request,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* The entries of the request's regions (element type SdOutboxEntry), or NULL
 * with @error set (invalid request, journal not writable). */
GPtrArray     *sd_outbox_send_finish         (SdOutbox      *self,
                                              GAsyncResult  *result,
                                              GError       **error);
/* Sends a failed (or needs-user) entry again, same reference, after a fresh
 * check. SD_OUTBOX_ERROR_NOT_ALLOWED for any other state. */
void           sd_outbox_send_again_async    (SdOutbox            *self,
                                              SdOutboxEntry       *entry,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       sd_outbox_send_again_finish   (SdOutbox      *self,
                                              GAsyncResult  *result,
                                              GError       **error);
/* Reconciles @entry (NULL: every unfinished entry) with what AWS has. */
void           sd_outbox_reconcile_async     (SdOutbox            *self,
                                              SdOutboxEntry       *entry,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* How many entries are still uncertain afterwards. */
guint          sd_outbox_reconcile_finish    (SdOutbox      *self,
                                              GAsyncResult  *result,
                                              GError       **error);
/* On quit: drops the reconciliations scheduled for later (they run again at
 * the next start) so that the outbox can go. Sends in flight are not
 * touched: wait until sd_outbox_get_busy() is FALSE. */
void           sd_outbox_close               (SdOutbox      *self);
/* Removes a finished entry (confirmed, failed, needs-user) from the journal. */
gboolean       sd_outbox_dismiss             (SdOutbox      *self,
                                              SdOutboxEntry *entry,
                                              GError       **error);

/* The managed alternative to a dedicated-IP case: CreateDedicatedIpPool
 * with ScalingMode MANAGED. Safe to repeat: a pool of that name that is
 * already managed counts as done. */
void           sd_outbox_create_managed_pool_async  (SdOutbox            *self,
                                                     const char          *profile,
                                                     const char          *region,
                                                     const char          *pool_name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       sd_outbox_create_managed_pool_finish (SdOutbox      *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* Reads again (GetRequestedServiceQuotaChange) the status and case of every
 * quota request sent that is still PENDING or CASE_OPENED; entries follow,
 * the journal keeps it, and "region-changed" says when one moved on.
 * Returns how many were asked about. */
guint          sd_outbox_track_quota_requests (SdOutbox *self);

/* Dedicated IPs go through the Support Center (the Support API does not
 * take limit increases): their entries wait, NEEDS_USER, until linked to
 * the case. With API access, looks for each waiting entry's case by the
 * reference in its subject (DescribeCases) and links it; returns how many
 * were looked for. */
guint          sd_outbox_find_submitted       (SdOutbox *self);
/* Links the case whose number the user pasted (digits, as the Support
 * Center shows it) to a waiting entry. SD_OUTBOX_ERROR_INVALID for anything
 * else, with nothing changed. */
gboolean       sd_outbox_link_case            (SdOutbox       *self,
                                               SdOutboxEntry  *entry,
                                               const char     *case_number,
                                               GError        **error);

G_END_DECLS
