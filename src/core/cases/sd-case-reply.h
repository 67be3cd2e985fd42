/* sd-case-reply.h — a reply being written: body, cc, attachments, draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-case-cache.h"

G_BEGIN_DECLS

#define SD_REPLY_MAX_BODY_CHARS      8000
#define SD_REPLY_MAX_CC              10
#define SD_REPLY_MAX_ATTACHMENTS     3
#define SD_REPLY_MAX_ATTACHMENT_SIZE (5 * 1024 * 1024)

/* The composer's model. Properties: body, cc-text (addresses as typed,
 * separated by commas, semicolons or spaces), attachments (GListModel of
 * GFile), n-attachments, body-error / cc-error / attachments-error (one
 * translated sentence each, NULL when the field is fine), valid. Bound to a
 * draft, every change is saved (atomically, 0600) shortly after it is made,
 * so a crash loses nothing; draft-error says, translated, why the last save
 * failed (a full disk, a folder that cannot be written), NULL after a good
 * one. */
#define SD_TYPE_CASE_REPLY (sd_case_reply_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseReply, sd_case_reply, SD, CASE_REPLY, GObject)

/* sd_case_reply_new: an empty reply. */
SdCaseReply *sd_case_reply_new                 (void);
/* sd_case_reply_get_body: the message. */
const char  *sd_case_reply_get_body            (SdCaseReply *self);
/* sd_case_reply_set_body: sets the message. */
void         sd_case_reply_set_body            (SdCaseReply *self,
                                                const char  *body);
/* sd_case_reply_get_cc_text: the cc addresses as typed. */
const char  *sd_case_reply_get_cc_text         (SdCaseReply *self);
/* sd_case_reply_set_cc_text: sets the cc addresses as typed. */
void         sd_case_reply_set_cc_text         (SdCaseReply *self,
                                                const char  *cc_text);
/* The cc addresses parsed from cc-text; free with g_strfreev(). */
GStrv        sd_case_reply_dup_cc_addresses    (SdCaseReply *self);
/* GListModel of GFile; owned by @self. */
GListModel  *sd_case_reply_get_attachments     (SdCaseReply *self);
/* Adds a file after checking its size (≤ 5 MB) and the count (≤ 3):
 * SD_CASE_ERROR_ATTACHMENT_TOO_LARGE / _TOO_MANY_ATTACHMENTS otherwise. */
void         sd_case_reply_add_attachment_async  (SdCaseReply         *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* sd_case_reply_add_attachment_finish: whether the file was added. */
gboolean     sd_case_reply_add_attachment_finish (SdCaseReply   *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);
/* sd_case_reply_remove_attachment: removes the file at @position. */
void         sd_case_reply_remove_attachment   (SdCaseReply *self,
                                                guint        position);
/* The per-field messages: NULL when the field is fine. */
const char  *sd_case_reply_get_body_error      (SdCaseReply *self);
/* sd_case_reply_get_cc_error: why the cc addresses cannot be sent, or NULL. */
const char  *sd_case_reply_get_cc_error        (SdCaseReply *self);
/* sd_case_reply_get_attachments_error: why the attachments cannot be sent, or NULL. */
const char  *sd_case_reply_get_attachments_error (SdCaseReply *self);
/* sd_case_reply_get_valid: whether the reply can be sent. */
gboolean     sd_case_reply_get_valid           (SdCaseReply *self);
/* sd_case_reply_get_draft_error: why the draft could not be saved, or NULL. */
const char  *sd_case_reply_get_draft_error     (SdCaseReply *self);
/* The first problem as an SD_CASE_ERROR_INVALID (or _TOO_MANY_ATTACHMENTS). */
gboolean     sd_case_reply_validate            (SdCaseReply  *self,
                                                GError      **error);
/* Is @address a plausible e-mail address (what AWS Support accepts)? */
gboolean     sd_case_reply_address_is_valid    (const char *address);

/* Keeps the reply as the draft of @case_id in @cache's state directory:
 * loads the saved draft if there is one (TRUE then), and saves every
 * change from now on. */
gboolean     sd_case_reply_bind_draft          (SdCaseReply *self,
                                                SdCaseCache *cache,
                                                const char  *profile,
                                                const char  *case_id);
/* Writes the draft now (the periodic save does it shortly after a change). */
gboolean     sd_case_reply_save_draft          (SdCaseReply  *self,
                                                GError      **error);
/* Empties the reply and deletes its draft (after it was sent). */
void         sd_case_reply_clear               (SdCaseReply *self);

/* For the thread sending the reply: the attachment set already uploaded
 * for these attachments (NULL when none, or when the attachments changed
 * since), and its expiry (unix time, 0 = unknown). */
const char  *sd_case_reply_get_attachment_set  (SdCaseReply *self,
                                                gint64      *expiry);
/* sd_case_reply_set_attachment_set: remembers the uploaded set. */
void         sd_case_reply_set_attachment_set  (SdCaseReply *self,
                                                const char  *set_id,
                                                gint64       expiry);

G_END_DECLS
