/* request-test-util.h — what the requests tests share: the emulator's
 * control endpoint, waiting on the main loop, temporary folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sd-aws-client.h"
#include "sd-outbox.h"
#include "sd-request.h"

G_BEGIN_DECLS

/* The control endpoint: @body may be NULL. Fails the test unless HTTP 200. */
JsonNode     *emu_control        (const char *method,
                                  const char *path,
                                  const char *body);
void          emu_control_quiet  (const char *method,
                                  const char *path,
                                  const char *body);
/* The requests the emulator logged for @operation (and @region when not NULL). */
JsonArray    *emu_requests       (const char *operation,
                                  const char *region);   /* newly referenced */
guint         emu_count          (const char *operation,
                                  const char *region);
/* One account's state (as GET /_sd/state gives it); newly referenced. */
JsonObject   *emu_account_state  (const char *account_id);
JsonObject   *emu_region_state   (JsonObject *account,
                                  const char *region);   /* owned by @account */
/* Cases of @account_id whose subject or any message contains @needle. */
guint         emu_count_cases    (const char *account_id,
                                  const char *needle);
/* The account id of @profile in SD_EMULATOR_JSON. */
const char   *emu_account_id     (const char *profile);

/* Runs the default main context until emu_wait_result() has a result. */
void          emu_on_result      (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
GAsyncResult *emu_wait_result    (void);   /* newly referenced */
/* Runs the main context until @outbox is idle (or fails after @timeout_ms). */
void          wait_outbox_idle   (SdOutbox *outbox,
                                  guint     timeout_ms);
void          run_main_for       (guint     ms);

char         *make_temp_dir      (void);
void          remove_tree        (const char *path);

SdAwsClient  *new_client         (guint timeout_seconds);
/* A request of @kind for @profile in @region with every field valid. */
SdRequest    *filled_request     (SdRequestKind  kind,
                                  const char    *profile,
                                  const char    *region,
                                  const char    *language);
/* Sends @request through @outbox and waits: the entries. */
GPtrArray    *send_and_wait      (SdOutbox   *outbox,
                                  SdRequest  *request,
                                  GError    **error);
gboolean      send_again_and_wait (SdOutbox      *outbox,
                                   SdOutboxEntry *entry,
                                   GError       **error);

G_END_DECLS
