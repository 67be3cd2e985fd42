/* sd-support.h — AWS Support API (JSON 1.1), the operations SES Desk uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-aws-client.h"

G_BEGIN_DECLS

/* The Support API has one endpoint per partition, signed for its own region
 * whatever region the user works in: @profile's partition decides which.
 * Inputs are the operation's input object as the model shapes it (members
 * such as "caseId", "communicationBody"); answers are its output object.
 * Finish every call with sd_support_finish(). */

/* Reads: retried in the standard mode. */
void        sd_support_describe_cases_async          (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
/* Starts DescribeCommunications. */
void        sd_support_describe_communications_async (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
/* Starts DescribeServices. */
void        sd_support_describe_services_async       (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
/* Starts DescribeSeverityLevels. */
void        sd_support_describe_severity_levels_async (SdAwsClient *client, const char *profile,
                                                       JsonObject *input, GCancellable *cancellable,
                                                       GAsyncReadyCallback callback, gpointer user_data);
/* Starts DescribeAttachment. */
void        sd_support_describe_attachment_async     (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);

/* Writes: never retried; the caller journals and reconciles. */
void        sd_support_create_case_async             (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
/* Starts AddCommunicationToCase (a write: never retried). */
void        sd_support_add_communication_to_case_async (SdAwsClient *client, const char *profile,
                                                        JsonObject *input, GCancellable *cancellable,
                                                        GAsyncReadyCallback callback, gpointer user_data);
/* Starts AddAttachmentsToSet (a write: never retried). */
void        sd_support_add_attachments_to_set_async  (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
/* Starts ResolveCase (a write: never retried). */
void        sd_support_resolve_case_async            (SdAwsClient *client, const char *profile,
                                                      JsonObject *input, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);

/* Finishes any Support call: the operation's output object. */
JsonObject *sd_support_finish                        (SdAwsClient   *client,
                                                      GAsyncResult  *result,
                                                      GError       **error);

/* The Support Center page where a case is created by hand, for @profile's partition. */
const char *sd_support_center_create_case_url        (const char *region);
/* The same page for a service limit increase (SES sending limits). */
const char *sd_support_center_limit_increase_url     (const char *region);
/* The Support Center page of one case (its display id or case id). */
char       *sd_support_center_case_url               (const char *region,
                                                      const char *case_id);

G_END_DECLS
