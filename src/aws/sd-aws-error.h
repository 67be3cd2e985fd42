/* sd-aws-error.h — the one error domain of the AWS layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SD_AWS_ERROR (sd_aws_error_quark ())

/* Codes a caller can branch on. The AWS error code string, the server's message,
 * the HTTP status and the request id travel with the GError (an extended error
 * domain, see the accessors below). */
typedef enum {
  SD_AWS_ERROR_FAILED,                /* anything not listed below */
  SD_AWS_ERROR_NETWORK,               /* could not connect, connection dropped */
  SD_AWS_ERROR_TIMEOUT,               /* no answer in time */
  SD_AWS_ERROR_SERVICE,               /* AWS answered with an error code not mapped below */
  SD_AWS_ERROR_SERVER,                /* HTTP 5xx */
  SD_AWS_ERROR_THROTTLED,             /* one of the throttling codes, or HTTP 429 */
  SD_AWS_ERROR_ACCESS_DENIED,         /* AccessDenied(Exception), UnauthorizedOperation, 403 */
  SD_AWS_ERROR_SIGNATURE,             /* signature or credentials rejected by the server */
  SD_AWS_ERROR_NOT_FOUND,             /* NotFoundException, 404 */
  SD_AWS_ERROR_CONFLICT,              /* ConflictException, 409 */
  SD_AWS_ERROR_ALREADY_EXISTS,        /* ResourceAlreadyExistsException, AlreadyExists */
  SD_AWS_ERROR_SUBSCRIPTION_REQUIRED, /* SubscriptionRequiredException (Support API) */
  SD_AWS_ERROR_VALIDATION,            /* ValidationException, BadRequest, InvalidParameter… */
  SD_AWS_ERROR_BAD_RESPONSE,          /* the server's answer could not be understood */
  SD_AWS_ERROR_NO_CREDENTIALS,        /* nothing in the chain gave credentials */
  SD_AWS_ERROR_CREDENTIALS_EXPIRED,   /* e.g. SSO token expired: run aws sso login */
  SD_AWS_ERROR_CREDENTIAL_PROCESS,    /* credential_process failed or printed bad JSON */
  SD_AWS_ERROR_CONFIG,                /* a malformed config or credentials file */
  SD_AWS_ERROR_NO_PROFILE,            /* the named profile does not exist */
  SD_AWS_ERROR_ENDPOINT,              /* no endpoint for this service and region */
  SD_AWS_ERROR_CANCELLED,             /* not used for G_IO_ERROR_CANCELLED, which is passed through */
  SD_AWS_ERROR_CERTIFICATE,           /* TLS failed: the server's certificate is not trusted… */
} SdAwsErrorCode;

GQuark      sd_aws_error_quark            (void);

/* Sets *error with the details a server gave. Any string may be NULL. */
void        sd_aws_error_set_service      (GError     **error,
                                           SdAwsErrorCode code,
                                           const char  *aws_code,
                                           const char  *aws_message,
                                           guint        http_status,
                                           const char  *request_id,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (7, 8);

/* Maps an AWS error code string (already stripped of "prefix#" and ":suffix")
 * and an HTTP status onto an SdAwsErrorCode. */
SdAwsErrorCode sd_aws_error_code_from_aws (const char *aws_code,
                                           guint       http_status);

/* Strips a namespaced type ("com.amazon#Name:http://…") down to "Name". Newly allocated. */
char       *sd_aws_error_normalize_code   (const char *raw);

/* Accessors; NULL / 0 when @error is not of this domain or the detail is unknown. */
const char *sd_aws_error_get_aws_code     (const GError *error);
const char *sd_aws_error_get_aws_message  (const GError *error);
guint       sd_aws_error_get_http_status  (const GError *error);
const char *sd_aws_error_get_request_id   (const GError *error);

G_END_DECLS
