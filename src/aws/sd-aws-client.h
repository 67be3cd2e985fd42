/* sd-aws-client.h — one client for every AWS call of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sd-aws-config.h"
#include "sd-aws-credential-provider.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-retry.h"

G_BEGIN_DECLS

/* Owns a network thread (its SoupSessions, one a signing region, with the
 * user agent, timeouts, connection caps and, from the first HTTPS request,
 * the TLS database), a signer with its key cache, one credential provider
 * per profile, the clock-skew offset and the standard-mode retry quota.
 * Every call is asynchronous: its callback runs on the main context that
 * was thread-default when it was sent. Reads are retried in the SDKs'
 * standard mode; writes are never retried. */
#define SD_TYPE_AWS_CLIENT (sd_aws_client_get_type ())
G_DECLARE_FINAL_TYPE (SdAwsClient, sd_aws_client, SD, AWS_CLIENT, GObject)

/* @config: the shared files (a reference is taken); NULL loads them from the
 * default places. */
SdAwsClient *sd_aws_client_new               (SdAwsConfig *config);
/* sd_aws_client_get_config: the shared files the client reads (owned by @self). */
SdAwsConfig *sd_aws_client_get_config        (SdAwsClient *self);
/* The credential provider of @profile (NULL = the default profile), created on first use. */
SdAwsCredentialProvider *sd_aws_client_get_credential_provider (SdAwsClient *self,
                                                                const char  *profile);
/* Use @credentials for @profile instead of the chain (accounts added in the
 * app, whose keys live in the Secret Service). */
void         sd_aws_client_set_profile_credentials (SdAwsClient      *self,
                                                    const char       *profile,
                                                    SdAwsCredentials *credentials);
/* Seconds a request may wait for the next bytes of its answer before it fails
 * with SD_AWS_ERROR_TIMEOUT (default 30); an attempt as a whole, sending and
 * reading the whole answer, fails the same way after four times as long. */
void         sd_aws_client_set_timeout       (SdAwsClient *self,
                                              guint        seconds);
/* Maximum attempts for reads (default 3, or AWS_MAX_ATTEMPTS / the profile's max_attempts). */
void         sd_aws_client_set_max_attempts  (SdAwsClient *self,
                                              guint        max_attempts);
/* Server time minus local time, in seconds, learnt from a skew error. */
gint64       sd_aws_client_get_clock_offset  (SdAwsClient *self);
/* For tests: pretend the local clock is off by @seconds. */
void         sd_aws_client_set_clock_offset  (SdAwsClient *self,
                                              gint64       seconds);
/* The retry quota shared by every call of the client (owned by @self). */
SdAwsRetryPolicy *sd_aws_client_get_retry_policy (SdAwsClient *self);

/* One call. Build it, then send it with sd_aws_client_send_async(). */
typedef struct _SdAwsCall SdAwsCall;

/* sd_aws_call_new: a call of @operation on @service for @profile in @region. */
SdAwsCall *sd_aws_call_new            (const SdAwsService *service,
                                       const char         *operation,
                                       const char         *profile,   /* NULL = default profile */
                                       const char         *region);   /* NULL = the profile's region */
void       sd_aws_call_free           (SdAwsCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsCall, sd_aws_call_free)
/* The most an answer may have, decompressed, before the call fails with
 * SD_AWS_ERROR_BAD_RESPONSE without reading more: SD_AWS_ANSWER_LIMIT unless
 * the operation documents larger answers (DescribeAttachment). */
#define SD_AWS_ANSWER_LIMIT (4 * 1024 * 1024)
/* sd_aws_call_set_answer_limit: the most bytes (decompressed) the answer may have. */
void       sd_aws_call_set_answer_limit (SdAwsCall *call, gsize bytes);
/* A write changes state at AWS: it is never retried. */
void       sd_aws_call_set_write      (SdAwsCall *call, gboolean is_write);
/* REST-JSON: method and path (path segments already percent-encoded with
 * sd_sigv4_uri_encode()). */
void       sd_aws_call_set_http       (SdAwsCall *call, const char *method, const char *path);
/* REST-JSON query parameter, or a Query-protocol parameter ("Action" and
 * "Version" are added by the client). */
void       sd_aws_call_add_param      (SdAwsCall *call, const char *name, const char *value);
/* JSON body (JSON 1.1 input, or REST-JSON body); takes a reference. */
void       sd_aws_call_set_json_body  (SdAwsCall *call, JsonObject *body);
/* Sign with @credentials instead of the profile's (STS AssumeRole with a
 * source profile's keys); takes a reference. */
void       sd_aws_call_set_credentials (SdAwsCall *call, SdAwsCredentials *credentials);

/* Sends @call (taking ownership of it), signing each attempt. */
void        sd_aws_client_send_async  (SdAwsClient         *self,
                                       SdAwsCall           *call,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* A JSON 1.1 call in one step (Support, Service Quotas): @operation of
 * @service with @input as its body (NULL: none), a write when @is_write. */
void        sd_aws_client_send_json_async (SdAwsClient         *self,
                                           const SdAwsService  *service,
                                           const char          *operation,
                                           const char          *profile,
                                           const char          *region,
                                           gboolean             is_write,
                                           JsonObject          *input,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* JSON protocols: the answer's object (an empty object for a write's empty body).
 * Query protocol: use sd_aws_client_send_finish_bytes(). */
JsonObject *sd_aws_client_send_finish (SdAwsClient   *self,
                                       GAsyncResult  *result,
                                       GError       **error);
/* The raw answer body (XML for the Query protocol). */
GBytes     *sd_aws_client_send_finish_bytes (SdAwsClient   *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* The text of the first element named @element in @xml (Query answers), or NULL. */
char       *sd_aws_xml_find_text      (const char *xml,
                                       gssize      len,
                                       const char *element);
/* The same in a Query answer's bytes (sd_aws_client_send_finish_bytes()). */
char       *sd_aws_xml_find_text_in_bytes (GBytes     *answer,
                                           const char *element);

G_END_DECLS
