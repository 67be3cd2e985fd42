/* sd-communication.h — one message of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sd-communication-attachment.h"
#include "sd-safe-text.h"

G_BEGIN_DECLS

typedef enum {
  SD_AUTHOR_ACCOUNT,   /* someone of the account (submittedBy names them) */
  SD_AUTHOR_AWS,       /* "Amazon Web Services" */
} SdAuthorKind;

#define SD_TYPE_AUTHOR_KIND (sd_author_kind_get_type ())
GType        sd_author_kind_get_type (void) G_GNUC_CONST;
/* Who wrote a message, from its submittedBy. */
SdAuthorKind sd_author_kind_from_submitter (const char *submitted_by);

#define SD_TYPE_COMMUNICATION (sd_communication_get_type ())
G_DECLARE_FINAL_TYPE (SdCommunication, sd_communication, SD, COMMUNICATION, GObject)

/* One element of DescribeCommunications' communications (or of a case's
 * recentCommunications). Never fails: missing members stay empty. */
SdCommunication *sd_communication_new_from_json   (JsonObject *object);
/* The object it was built from (for the cache); owned by @self. */
JsonObject      *sd_communication_get_json        (SdCommunication *self);

/* sd_communication_get_case_id: the case the message belongs to, or NULL. */
const char      *sd_communication_get_case_id     (SdCommunication *self);
/* sd_communication_get_author: AWS or the account. */
SdAuthorKind     sd_communication_get_author      (SdCommunication *self);
/* submittedBy, sanitised, one line ("AdminRole (Role) <jane@example.com>"). */
const char      *sd_communication_get_submitted_by (SdCommunication *self);
/* The name part of submittedBy ("AdminRole"), or "Amazon Web Services" translated. */
const char      *sd_communication_get_author_name (SdCommunication *self);
/* The address between <> in submittedBy, or NULL. */
const char      *sd_communication_get_author_email (SdCommunication *self);
/* Nullable when the server gave no readable time; owned by @self. */
GDateTime       *sd_communication_get_time        (SdCommunication *self);
/* The body to show; owned by @self, never NULL. */
SdSafeText      *sd_communication_get_body        (SdCommunication *self);
/* The body exactly as the server sent it (for matching a sent reply). */
const char      *sd_communication_get_raw_body    (SdCommunication *self);
/* Element type SdCommunicationAttachment; owned by @self. */
GListModel      *sd_communication_get_attachments (SdCommunication *self);
/* A key telling two copies of the same message apart from other messages. */
const char      *sd_communication_get_key         (SdCommunication *self);
/* Sort order: oldest first; messages of the same time in a fixed order. */
int              sd_communication_compare         (SdCommunication *a,
                                                   SdCommunication *b);

G_END_DECLS
