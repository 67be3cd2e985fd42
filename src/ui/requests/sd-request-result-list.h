/* sd-request-result-list.h — a request's outbox entries, one row per region, as they move on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A section of the request dialog's result page: "Outcome by region", a
 * compact SdOutboxRow for each outbox entry of the request. Signals:
 * "changed" (an entry came, went or changed state). */
#define SD_TYPE_REQUEST_RESULT_LIST (sd_request_result_list_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestResultList, sd_request_result_list, SD, REQUEST_RESULT_LIST, AdwBin)

/* The request whose entries are shown (entries already shown stay). */
void        sd_request_result_list_set_request_id (SdRequestResultList *self,
                                                   const char          *request_id);
/* Shows the request's entries among @entries (SdOutboxEntry items) from
 * now on; the first call only counts. */
void        sd_request_result_list_follow         (SdRequestResultList *self,
                                                   GListModel          *entries);
/* The request's entries shown, or NULL before sd_request_result_list_follow(). */
GListModel *sd_request_result_list_get_entries    (SdRequestResultList *self);

G_END_DECLS
