/* sd-outbox-entry-private.h — SdOutboxEntry's fields, for the entry and the outbox that drives it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-outbox-entry.h"

G_BEGIN_DECLS

struct _SdOutboxEntry
{
  GObject         parent_instance;

  char           *id;               /* owned; a UUID */
  char           *request_id;       /* owned */
  JsonObject     *request;          /* owned: the SdRequest's JSON when it was sent */
  char           *reference;        /* owned */
  SdRequestKind   kind;
  SdRequestRoute  route;
  char           *profile;          /* owned, nullable */
  char           *region;           /* owned */
  SdOutboxState   state;
  SdOutboxReason  reason;
  char           *detail;           /* owned, nullable */
  gint64          created;
  double          sent_at;          /* local wall clock, seconds; 0 = never left */
  double          clock_offset;     /* server minus local when sent, seconds */
  gint64          updated;
  guint           attempts;
  JsonObject     *payload;          /* owned */
  char           *case_id;          /* owned, nullable */
  char           *display_id;       /* owned, nullable */
  char           *quota_request_id; /* owned, nullable */
  char           *quota_status;     /* owned, nullable */
  char           *review_status;    /* owned, nullable */
  char           *review_case_before; /* owned, nullable: the review case before sending */
  GStrv           known_request_ids;  /* owned, never NULL: quota requests before sending */
  char           *open_id;          /* owned, nullable */
  char           *open_status;      /* owned, nullable */
  char           *open_case_id;     /* owned, nullable */
  double          open_value;

  /* This process only, never journalled. */
  gboolean        busy;
  gboolean        checking;
  guint           reconcile_source;
};

/* A new entry for @region's part of @request. */
SdOutboxEntry *sd_outbox_entry_new        (SdRequest     *request,
                                           const char    *region);
/* An entry from the journal; NULL when it is not one. */
SdOutboxEntry *sd_outbox_entry_new_from_json (JsonObject *object);
/* The journal form of the entry. */
JsonObject    *sd_outbox_entry_to_json    (SdOutboxEntry *self);
/* Moves the entry on and notifies the properties that follow. */
void           sd_outbox_entry_set_state  (SdOutboxEntry *self,
                                           SdOutboxState  state,
                                           SdOutboxReason reason,
                                           const char    *detail);
void           sd_outbox_entry_set_busy   (SdOutboxEntry *self,
                                           gboolean       busy);
void           sd_outbox_entry_set_checking (SdOutboxEntry *self,
                                             gboolean       checking);
/* Notifies every result property (case id, quota request, review…). */
void           sd_outbox_entry_results_changed (SdOutboxEntry *self);
void           sd_outbox_entry_set_string (char         **field,
                                           const char    *value);

G_END_DECLS
