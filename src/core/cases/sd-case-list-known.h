/* sd-case-list-known.h — finding the cases the app's requests opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-case-list.h"
#include "sd-outbox.h"

G_BEGIN_DECLS

/* Asks each of @regions (NULL-terminated) for the cases its requests
 * opened — SESv2 GetAccount's ReviewDetails.CaseId and the Service Quotas
 * history of SES's two sending quotas — and adds them to @self with
 * sd_case_list_add_known_case(). A region that fails is skipped (the
 * dashboard reports its errors); this never fails but when cancelled. */
void     sd_case_list_discover_known_async  (SdCaseList          *self,
                                             const char * const  *regions,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* How many case ids were found. */
int      sd_case_list_discover_known_finish (SdCaseList    *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* The cases the outbox's entries of this profile opened: CreateCase's case
 * (this app's own), the SES review's and the quota request's. */
void     sd_case_list_add_known_cases_from_outbox (SdCaseList *self,
                                                   SdOutbox   *outbox);

/* For tests and fuzzing: the case ids in a GetAccount answer and in a
 * ListRequestedServiceQuotaChangeHistoryByQuota answer. */
char    *sd_case_known_from_account         (JsonObject *account);
/* sd_case_known_from_quota_history: the case ids of a quota change history page. */
GStrv    sd_case_known_from_quota_history   (JsonObject *history);

G_END_DECLS
