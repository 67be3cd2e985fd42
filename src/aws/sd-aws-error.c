/* sd-aws-error.c — the one error domain of the AWS layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-error.h"

/* Extended error domain: the server's details travel inside the GError. */
typedef struct {
  char  *aws_code;
  char  *aws_message;
  guint  http_status;
  char  *request_id;
} SdAwsErrorPrivate;

static void
sd_aws_error_private_init (SdAwsErrorPrivate *priv)
{
}

static void
sd_aws_error_private_copy (const SdAwsErrorPrivate *src,
                           SdAwsErrorPrivate       *dest)
{
  dest->aws_code = g_strdup (src->aws_code);
  dest->aws_message = g_strdup (src->aws_message);
  dest->http_status = src->http_status;
  dest->request_id = g_strdup (src->request_id);
}

static void
sd_aws_error_private_clear (SdAwsErrorPrivate *priv)
{
  g_clear_pointer (&priv->aws_code, g_free);
  g_clear_pointer (&priv->aws_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (SdAwsError, sd_aws_error)

static const SdAwsErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != SD_AWS_ERROR)
    return NULL;
  return sd_aws_error_get_private (error);
}

void
sd_aws_error_set_service (GError         **error,
                          SdAwsErrorCode   code,
                          const char      *aws_code,
                          const char      *aws_message,
                          guint            http_status,
                          const char      *request_id,
                          const char      *format,
                          ...)
{
  g_autofree char *message = NULL;
  SdAwsErrorPrivate *priv;
  GError *new_error;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  new_error = g_error_new_literal (SD_AWS_ERROR, code, message);
  priv = sd_aws_error_get_private (new_error);
  priv->aws_code = g_strdup (aws_code);
  priv->aws_message = g_strdup (aws_message);
  priv->http_status = http_status;
  priv->request_id = g_strdup (request_id);
  g_propagate_error (error, new_error);
}

char *
sd_aws_error_normalize_code (const char *raw)
{
  const char *start;
  const char *end;

  if (raw == NULL)
    return NULL;

  /* "aws.protocoltests#Name:http://internal.amazon.com/…": keep what follows
   * the last '#', and drop anything after ':'. */
  start = strrchr (raw, '#');
  start = start != NULL ? start + 1 : raw;
  end = strchr (start, ':');
  if (end == NULL)
    end = start + strlen (start);

  return g_strstrip (g_strndup (start, end - start));
}

static const struct {
  const char     *aws_code;
  SdAwsErrorCode  code;
} code_map[] = {
  { "Throttling", SD_AWS_ERROR_THROTTLED },
  { "ThrottlingException", SD_AWS_ERROR_THROTTLED },
  { "ThrottledException", SD_AWS_ERROR_THROTTLED },
  { "RequestThrottledException", SD_AWS_ERROR_THROTTLED },
  { "TooManyRequestsException", SD_AWS_ERROR_THROTTLED },
  { "ProvisionedThroughputExceededException", SD_AWS_ERROR_THROTTLED },
  { "RequestLimitExceeded", SD_AWS_ERROR_THROTTLED },
  { "SlowDown", SD_AWS_ERROR_THROTTLED },
  { "AccessDenied", SD_AWS_ERROR_ACCESS_DENIED },
  { "AccessDeniedException", SD_AWS_ERROR_ACCESS_DENIED },
  { "UnauthorizedOperation", SD_AWS_ERROR_ACCESS_DENIED },
  { "UnrecognizedClientException", SD_AWS_ERROR_SIGNATURE },
  { "InvalidClientTokenId", SD_AWS_ERROR_SIGNATURE },
  { "InvalidAccessKeyId", SD_AWS_ERROR_SIGNATURE },
  { "SignatureDoesNotMatch", SD_AWS_ERROR_SIGNATURE },
  { "InvalidSignatureException", SD_AWS_ERROR_SIGNATURE },
  { "IncompleteSignature", SD_AWS_ERROR_SIGNATURE },
  { "MissingAuthenticationToken", SD_AWS_ERROR_SIGNATURE },
  { "RequestTimeTooSkewed", SD_AWS_ERROR_SIGNATURE },
  { "RequestExpired", SD_AWS_ERROR_SIGNATURE },
  { "AuthFailure", SD_AWS_ERROR_SIGNATURE },
  { "ExpiredToken", SD_AWS_ERROR_CREDENTIALS_EXPIRED },
  { "ExpiredTokenException", SD_AWS_ERROR_CREDENTIALS_EXPIRED },
  { "NotFoundException", SD_AWS_ERROR_NOT_FOUND },
  { "NoSuchResourceException", SD_AWS_ERROR_NOT_FOUND },
  { "CaseIdNotFound", SD_AWS_ERROR_NOT_FOUND },
  { "AttachmentIdNotFound", SD_AWS_ERROR_NOT_FOUND },
  { "AttachmentSetIdNotFound", SD_AWS_ERROR_NOT_FOUND },
  { "ResourceNotFoundException", SD_AWS_ERROR_NOT_FOUND },
  { "ConflictException", SD_AWS_ERROR_CONFLICT },
  { "ResourceAlreadyExistsException", SD_AWS_ERROR_ALREADY_EXISTS },
  { "AlreadyExistsException", SD_AWS_ERROR_ALREADY_EXISTS },
  { "SubscriptionRequiredException", SD_AWS_ERROR_SUBSCRIPTION_REQUIRED },
  { "ValidationException", SD_AWS_ERROR_VALIDATION },
  { "BadRequestException", SD_AWS_ERROR_VALIDATION },
  { "InvalidParameterValue", SD_AWS_ERROR_VALIDATION },
  { "InvalidParameterValueException", SD_AWS_ERROR_VALIDATION },
  { "InvalidParameterException", SD_AWS_ERROR_VALIDATION },
  { "SerializationException", SD_AWS_ERROR_VALIDATION },
  { "IllegalArgumentException", SD_AWS_ERROR_VALIDATION },        /* Service Quotas */
  { "InvalidPaginationTokenException", SD_AWS_ERROR_VALIDATION },
  { "DescribeAttachmentLimitExceeded", SD_AWS_ERROR_THROTTLED },  /* Support */
  { "DependencyAccessDeniedException", SD_AWS_ERROR_ACCESS_DENIED },
  { "InternalServerError", SD_AWS_ERROR_SERVER },
  { "InternalFailure", SD_AWS_ERROR_SERVER },
  { "ServiceUnavailable", SD_AWS_ERROR_SERVER },
  { "ServiceException", SD_AWS_ERROR_SERVER },
};

SdAwsErrorCode
sd_aws_error_code_from_aws (const char *aws_code,
                            guint       http_status)
{
  if (aws_code != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (code_map); i++)
        if (g_str_equal (aws_code, code_map[i].aws_code))
          return code_map[i].code;
    }

  switch (http_status)
    {
    case 0: return SD_AWS_ERROR_FAILED;
    case 403: return aws_code == NULL ? SD_AWS_ERROR_ACCESS_DENIED : SD_AWS_ERROR_SERVICE;
    case 404: return SD_AWS_ERROR_NOT_FOUND;
    case 409: return SD_AWS_ERROR_CONFLICT;
    case 429: return SD_AWS_ERROR_THROTTLED;
    default:
      if (http_status >= 500)
        return SD_AWS_ERROR_SERVER;
      return aws_code != NULL ? SD_AWS_ERROR_SERVICE : SD_AWS_ERROR_FAILED;
    }
}

const char *
sd_aws_error_get_aws_code (const GError *error)
{
  const SdAwsErrorPrivate *priv = get_private (error);
  return priv ? priv->aws_code : NULL;
}

const char *
sd_aws_error_get_aws_message (const GError *error)
{
  const SdAwsErrorPrivate *priv = get_private (error);
  return priv ? priv->aws_message : NULL;
}

guint
sd_aws_error_get_http_status (const GError *error)
{
  const SdAwsErrorPrivate *priv = get_private (error);
  return priv ? priv->http_status : 0;
}

const char *
sd_aws_error_get_request_id (const GError *error)
{
  const SdAwsErrorPrivate *priv = get_private (error);
  return priv ? priv->request_id : NULL;
}
