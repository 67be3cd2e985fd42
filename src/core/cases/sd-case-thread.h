/* sd-case-thread.h — one case's conversation, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"
#include "sd-case.h"
#include "sd-case-cache.h"
#include "sd-case-reply.h"
#include "sd-communication.h"

G_BEGIN_DECLS

typedef enum {
  SD_THREAD_ORDER_OLDEST_FIRST,
  SD_THREAD_ORDER_NEWEST_FIRST,
} SdThreadOrder;

#define SD_TYPE_THREAD_ORDER (sd_thread_order_get_type ())
GType sd_thread_order_get_type (void) G_GNUC_CONST;

/* Where the last reply stands. */
typedef enum {
  SD_REPLY_STATE_NONE,        /* nothing under way */
  SD_REPLY_STATE_UPLOADING,   /* attachments going up */
  SD_REPLY_STATE_SENDING,
  SD_REPLY_STATE_CHECKING,    /* an ambiguous failure: looking for it in the thread */
  SD_REPLY_STATE_UNCERTAIN,   /* it may have arrived and that could not be checked yet:
                                 do not offer to send it again */
  SD_REPLY_STATE_NOT_SENT,    /* checked: it did not arrive, it may be sent again */
} SdReplyState;

#define SD_TYPE_REPLY_STATE (sd_reply_state_get_type ())
GType sd_reply_state_get_type (void) G_GNUC_CONST;

/* A GListModel of SdCommunication: every message of the case (all pages of
 * DescribeCommunications), in the chosen order. Properties: profile,
 * case-id, case (SdCase, its details), order, loading, offline (the
 * network failed: the messages are the saved ones), partial (the API
 * offered only the newest messages), error, updated (unix time of the
 * data), reply-state. */
#define SD_TYPE_CASE_THREAD (sd_case_thread_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseThread, sd_case_thread, SD, CASE_THREAD, GObject)

/* @case_id: the case id or the display id. @cache: NULL = the default. */
SdCaseThread  *sd_case_thread_new            (SdAwsClient *client,
                                              const char  *profile,
                                              const char  *case_id,
                                              SdCaseCache *cache);
/* The thread of a case of a list (its details are updated in place). */
SdCaseThread  *sd_case_thread_new_for_case   (SdAwsClient *client,
                                              const char  *profile,
                                              SdCase      *case_,
                                              SdCaseCache *cache);
/* sd_case_thread_get_profile: the profile. */
const char    *sd_case_thread_get_profile    (SdCaseThread *self);
/* sd_case_thread_get_case_id: the id the thread was opened with. */
const char    *sd_case_thread_get_case_id    (SdCaseThread *self);
/* Never NULL; details_known is FALSE until loaded. */
SdCase        *sd_case_thread_get_case       (SdCaseThread *self);
/* sd_case_thread_get_order: oldest or newest first. */
SdThreadOrder  sd_case_thread_get_order      (SdCaseThread *self);
/* sd_case_thread_set_order: shows the messages oldest or newest first. */
void           sd_case_thread_set_order      (SdCaseThread  *self,
                                              SdThreadOrder  order);
/* sd_case_thread_get_loading: whether a load is under way. */
gboolean       sd_case_thread_get_loading    (SdCaseThread *self);
/* sd_case_thread_get_offline: whether the saved messages are shown. */
gboolean       sd_case_thread_get_offline    (SdCaseThread *self);
/* sd_case_thread_get_partial: whether only the newest messages could be read. */
gboolean       sd_case_thread_get_partial    (SdCaseThread *self);
/* sd_case_thread_get_error: the last load's error, or NULL. */
const GError  *sd_case_thread_get_error      (SdCaseThread *self);
/* sd_case_thread_get_updated: unix time of the messages shown, or 0. */
gint64         sd_case_thread_get_updated    (SdCaseThread *self);
/* sd_case_thread_get_reply_state: where the last reply stands. */
SdReplyState   sd_case_thread_get_reply_state (SdCaseThread *self);
/* After an ambiguous failure, how long a reply not found in the thread may
 * still arrive before it counts as not sent (default 30 s): until then it
 * stays uncertain and nothing sends it again. */
void           sd_case_thread_set_settle_time (SdCaseThread *self,
                                               guint         milliseconds);
/* DescribeCommunications maxResults, 10–100 (default 100). */
void           sd_case_thread_set_page_size  (SdCaseThread *self,
                                              guint         page_size);

/* Shows the saved thread, if any and nothing newer is shown. */
void           sd_case_thread_load_cached_async  (SdCaseThread        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* sd_case_thread_load_cached_finish: whether a saved thread was shown. */
gboolean       sd_case_thread_load_cached_finish (SdCaseThread  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

/* The case's details and every message. When the network fails the saved
 * thread is shown (offline) and the error returned. A reply left uncertain
 * by an ambiguous failure is looked for in the messages. */
void           sd_case_thread_refresh_async  (SdCaseThread        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* sd_case_thread_refresh_finish: whether the load succeeded. */
gboolean       sd_case_thread_refresh_finish (SdCaseThread  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* Downloads @attachment (DescribeAttachment) into @destination, replacing
 * it atomically. */
void           sd_case_thread_save_attachment_async  (SdCaseThread              *self,
                                                      SdCommunicationAttachment *attachment,
                                                      GFile                     *destination,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
/* sd_case_thread_save_attachment_finish: whether the file was written. */
gboolean       sd_case_thread_save_attachment_finish (SdCaseThread  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);

/* Sends @reply (AddCommunicationToCase, with AddAttachmentsToSet first),
 * at most once: the send is journalled before it leaves, an expired
 * attachment set is uploaded again and the reply retried once, and after
 * an ambiguous failure the thread is read to see whether it arrived
 * (SD_CASE_ERROR_NOT_SENT: it did not; SD_CASE_ERROR_UNCERTAIN: could not
 * tell yet, do not send again; a reply not found is looked for again until
 * the settle time has passed). On success @reply is cleared (and its
 * draft deleted) and the thread refreshed. Replying to a resolved case
 * reopens it. */
void           sd_case_thread_reply_async    (SdCaseThread        *self,
                                              SdCaseReply         *reply,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* sd_case_thread_reply_finish: whether the reply reached AWS Support. */
gboolean       sd_case_thread_reply_finish   (SdCaseThread  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* ResolveCase (the UI asks for confirmation first). */
void           sd_case_thread_resolve_async  (SdCaseThread        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* sd_case_thread_resolve_finish: whether the case is resolved. */
gboolean       sd_case_thread_resolve_finish (SdCaseThread  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* Replaces the messages by @communications (Communication objects, any
 * order); what a load does once the pages are in. For tests, benchmarks
 * and fuzzing. */
void           sd_case_thread_apply_communications (SdCaseThread *self,
                                                    JsonArray    *communications);

/* Strict base64 (what DescribeAttachment's data is); NULL when malformed. */
GBytes        *sd_case_thread_decode_base64  (const char *text,
                                              gsize       max_decoded);

G_END_DECLS
