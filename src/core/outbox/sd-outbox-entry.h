/* sd-outbox-entry.h — one request on its way to AWS, as the journal keeps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sd-request.h"

G_BEGIN_DECLS

/* pending → sending → confirmed | failed | uncertain | needs-user. */
typedef enum {
  SD_OUTBOX_STATE_PENDING,     /* journalled; has not left */
  SD_OUTBOX_STATE_SENDING,     /* journalled, then sent: the answer has not come */
  SD_OUTBOX_STATE_CONFIRMED,   /* AWS has it (its answer, or found by reconciling) */
  SD_OUTBOX_STATE_FAILED,      /* AWS definitely does not have it: it may be sent again */
  SD_OUTBOX_STATE_UNCERTAIN,   /* it may have arrived: reconciled before anything else */
  SD_OUTBOX_STATE_NEEDS_USER,  /* not sent; the user must act (see the reason) */
} SdOutboxState;

typedef enum {
  SD_OUTBOX_REASON_NONE,
  SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED,  /* no Support API: copy the text, open the Support Center */
  SD_OUTBOX_REASON_REVIEW_PENDING,         /* a review is under way: no second request */
  SD_OUTBOX_REASON_REVIEW_DENIED,          /* reply on the review case, or use Service Quotas */
  SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN,     /* the open request is shown instead */
  SD_OUTBOX_REASON_ALREADY_AT_VALUE,       /* the region already has what was asked */
  SD_OUTBOX_REASON_SUPPORT_CENTER,         /* waiting for the user to make the case in the Support Center */
} SdOutboxReason;

#define SD_TYPE_OUTBOX_STATE  (sd_outbox_state_get_type ())
#define SD_TYPE_OUTBOX_REASON (sd_outbox_reason_get_type ())
GType sd_outbox_state_get_type  (void) G_GNUC_CONST;
GType sd_outbox_reason_get_type (void) G_GNUC_CONST;
/* "pending", "sending", "confirmed", "failed", "uncertain", "needs-user". */
const char *sd_outbox_state_to_id    (SdOutboxState state);
/* The state in words, translated. */
const char *sd_outbox_state_to_label (SdOutboxState state);

/* Read-only properties, notified as the entry moves on: "id", "request-id",
 * "reference", "kind", "route", "profile", "region", "state", "reason",
 * "message", "created", "sent-at", "updated", "attempts", "case-id",
 * "display-id", "quota-request-id", "quota-request-status", "review-status",
 * "can-send-again", "busy", "checking". */
#define SD_TYPE_OUTBOX_ENTRY (sd_outbox_entry_get_type ())
G_DECLARE_FINAL_TYPE (SdOutboxEntry, sd_outbox_entry, SD, OUTBOX_ENTRY, GObject)

const char     *sd_outbox_entry_get_id          (SdOutboxEntry *self);
/* The SdRequest (draft) this entry came from. */
const char     *sd_outbox_entry_get_request_id  (SdOutboxEntry *self);
/* "SD-7F3K2Q": in the case's subject and body, or the SES description. */
const char     *sd_outbox_entry_get_reference   (SdOutboxEntry *self);
SdRequestKind   sd_outbox_entry_get_kind        (SdOutboxEntry *self);
SdRequestRoute  sd_outbox_entry_get_route       (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_profile     (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_region      (SdOutboxEntry *self);
SdOutboxState   sd_outbox_entry_get_state       (SdOutboxEntry *self);
SdOutboxReason  sd_outbox_entry_get_reason      (SdOutboxEntry *self);
/* What happened and what to do, translated, from the state, the reason and
 * the details. Newly allocated. */
char           *sd_outbox_entry_dup_message     (SdOutboxEntry *self);
/* The last error's text or a detail, as recorded; may be NULL. */
const char     *sd_outbox_entry_get_detail      (SdOutboxEntry *self);
/* Unix times. sent-at is 0 until the request first left. */
gint64          sd_outbox_entry_get_created     (SdOutboxEntry *self);
gint64          sd_outbox_entry_get_sent_at     (SdOutboxEntry *self);
gint64          sd_outbox_entry_get_updated     (SdOutboxEntry *self);
/* How many times the request left (at most once per "send again"). */
guint           sd_outbox_entry_get_attempts    (SdOutboxEntry *self);
/* The Support case the request opened, or that the SES review or the quota
 * request opened; NULL until known. */
const char     *sd_outbox_entry_get_case_id     (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_display_id  (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_quota_request_id     (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_quota_request_status (SdOutboxEntry *self);
/* The SES review's status after PutAccountDetails ("PENDING"…). */
const char     *sd_outbox_entry_get_review_status (SdOutboxEntry *self);
/* The open quota request shown instead (QUOTA_REQUEST_OPEN), else NULL / 0. */
const char     *sd_outbox_entry_get_open_request_id     (SdOutboxEntry *self);
const char     *sd_outbox_entry_get_open_request_status (SdOutboxEntry *self);
double          sd_outbox_entry_get_open_request_value  (SdOutboxEntry *self);
/* The case to turn to when the entry needs the user: the review case (review
 * pending or denied) or the open quota request's case; else NULL. */
const char     *sd_outbox_entry_get_related_case_id (SdOutboxEntry *self);
/* TRUE when AWS definitely does not have it and nothing is in flight. */
gboolean        sd_outbox_entry_get_can_send_again (SdOutboxEntry *self);
/* TRUE while this process sends or reconciles it. */
gboolean        sd_outbox_entry_get_busy        (SdOutboxEntry *self);
/* TRUE while a reconciliation is scheduled or running. */
gboolean        sd_outbox_entry_get_checking    (SdOutboxEntry *self);
/* The operation's exact input (owned by @self). */
JsonObject     *sd_outbox_entry_get_payload     (SdOutboxEntry *self);
/* The case's subject and body (Support routes) or the SES description. */
const char     *sd_outbox_entry_get_subject     (SdOutboxEntry *self);
/* The text AWS receives. */
const char     *sd_outbox_entry_get_body        (SdOutboxEntry *self);
/* For the Support Center route: the whole case text for the clipboard
 * (subject, an empty line, body) and the Support Center's create-case page
 * (for dedicated IPs, a service limit increase's). */
char           *sd_outbox_entry_dup_clipboard_text  (SdOutboxEntry *self);
/* The Support Center's create-case page for the entry's partition. */
const char     *sd_outbox_entry_get_support_center_url (SdOutboxEntry *self);
/* The request as it was sent (a new object), e.g. to reopen it as a draft. */
SdRequest      *sd_outbox_entry_dup_request     (SdOutboxEntry *self);

G_END_DECLS
