/* sd-aws-client-private.h — what only src/aws sees of the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-credential-calls.h"

G_BEGIN_DECLS

/* A call as its caller built it (sd-aws-call.c); the client and the answer
 * reader read its fields. */
struct _SdAwsCall
{
  const SdAwsService *service;     /* NULL for an unsigned call */
  char               *operation;
  char               *profile;     /* NULL = the default profile choice */
  char               *region;
  gboolean            is_write;
  char               *method;
  char               *path;
  GPtrArray          *params;      /* char*: name, value, name, value, … */
  JsonObject         *body;
  SdAwsCredentials   *credentials;
  gsize               answer_limit;  /* 0: SD_AWS_ANSWER_LIMIT */
  /* Unsigned calls only. */
  char               *url;
  char               *label;
  char               *iam_prefix;
  GPtrArray          *headers;     /* char*: name, value, … */
};

/* An unsigned GET of @url answered with JSON (SSO GetRoleCredentials, which
 * authenticates with a bearer token instead of SigV4). @label and @iam_prefix
 * name the service in error messages ("SSO", "sso"). Retried as a read;
 * finish with sd_aws_client_send_finish(). */
SdAwsCall *sd_aws_call_new_unsigned (const char *label,
                                     const char *iam_prefix,
                                     const char *operation,
                                     const char *url);
/* A header sent as is, never logged (it may carry a bearer token). */
void       sd_aws_call_add_header   (SdAwsCall  *call,
                                     const char *name,
                                     const char *value);


/* The service's name in messages ("SES", or an unsigned call's label). */
const char *sd_aws_call_get_label        (const SdAwsCall *call);
/* The most the call's answer may have (SD_AWS_ANSWER_LIMIT unless set). */
gsize       sd_aws_call_get_answer_limit (const SdAwsCall *call);
/* The service's prefix in IAM actions ("ses", "support", or an unsigned call's). */
const char *sd_aws_call_get_iam_prefix   (const SdAwsCall *call);
/* Server text is shown to people: valid UTF-8, stripped, at most 600
 * characters; NULL for NULL or empty text. */
char       *sd_aws_tidy_server_text      (const char *text);

/* Who asked what, for reading its answer and naming things in messages. */
typedef struct
{
  const SdAwsCall *call;
  const char      *url;            /* where the call went */
  const char      *profile_label;  /* the profile named in messages */
  const char      *region;         /* NULL for unsigned calls */
} SdAwsAnswerContext;

/* What an answer read whole means: TRUE for a 2xx that holds an answer
 * (*@object the JSON object for the JSON protocols, NULL for Query);
 * otherwise FALSE with @error in SD_AWS_ERROR, and for an error status
 * *@aws_code the normalized AWS error code when the body or headers had one.
 * An empty or blank body is an answer only to a write. */
gboolean   sd_aws_answer_read       (const SdAwsAnswerContext  *context,
                                     guint                      status,
                                     const char                *reason,
                                     SoupMessageHeaders        *headers,
                                     GBytes                    *body,
                                     JsonObject               **object,
                                     char                     **aws_code,
                                     GError                   **error);

/* SdAwsClient's SdAwsCredentialCalls: STS and the SSO portal through the
 * client (sd-aws-client-credential-calls.c). */
void       sd_aws_client_credential_calls_init (SdAwsCredentialCallsInterface *iface);

G_END_DECLS
