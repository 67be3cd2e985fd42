/* sd-aws-retry.c — the AWS SDKs' "standard" retry mode
 *
 * Pure logic: no clock, no main loop. The client asks whether to retry and
 * schedules the delay itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-retry.h"

struct _SdAwsRetryPolicy
{
  guint            max_attempts;
  guint            tokens;
  SdAwsRandomFunc  random_func;
  gpointer         random_data;
};

/* botocore's retryhandler/standard.py lists: throttling codes, then the
 * transient ones (they are retried the same way). */
static const char * const retryable_codes[] = {
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "EC2ThrottledException",
  "RequestTimeout",
  "RequestTimeoutException",
  "PriorRequestNotComplete",
};

static double
default_random (gpointer user_data)
{
  return g_random_double ();
}

SdAwsRetryPolicy *
sd_aws_retry_policy_new (guint max_attempts)
{
  SdAwsRetryPolicy *self = g_new0 (SdAwsRetryPolicy, 1);

  self->max_attempts = MAX (max_attempts, 1);
  self->tokens = SD_AWS_RETRY_QUOTA;
  self->random_func = default_random;
  return self;
}

void
sd_aws_retry_policy_free (SdAwsRetryPolicy *self)
{
  g_free (self);
}

void
sd_aws_retry_policy_set_random (SdAwsRetryPolicy *self,
                                SdAwsRandomFunc   func,
                                gpointer          user_data)
{
  g_return_if_fail (self != NULL);

  self->random_func = func != NULL ? func : default_random;
  self->random_data = func != NULL ? user_data : NULL;
}

guint
sd_aws_retry_policy_get_max_attempts (SdAwsRetryPolicy *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_attempts;
}

void
sd_aws_retry_policy_set_max_attempts (SdAwsRetryPolicy *self,
                                      guint             max_attempts)
{
  g_return_if_fail (self != NULL);
  self->max_attempts = MAX (max_attempts, 1);
}

guint
sd_aws_retry_policy_get_tokens (SdAwsRetryPolicy *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->tokens;
}

gboolean
sd_aws_retry_is_retryable (guint       http_status,
                           const char *aws_code,
                           gboolean    connection_error,
                           gboolean    timeout)
{
  if (connection_error || timeout)
    return TRUE;

  switch (http_status)
    {
    case 500:
    case 502:
    case 503:
    case 504:
      return TRUE;
    default:
      break;
    }

  if (aws_code != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (retryable_codes); i++)
        if (g_str_equal (aws_code, retryable_codes[i]))
          return TRUE;
    }

  return FALSE;
}

guint
sd_aws_retry_policy_compute_delay (SdAwsRetryPolicy *self,
                                   guint             attempt)
{
  double r;
  guint64 base_ms;

  g_return_val_if_fail (self != NULL, 0);

  /* 2^(attempt−1) seconds, capped at 20 s; the shift is bounded so that a
   * silly attempt number cannot overflow. */
  attempt = MAX (attempt, 1);
  base_ms = attempt - 1 >= 15 ? SD_AWS_RETRY_MAX_BACKOFF_MS
                              : MIN ((guint64) 1000 << (attempt - 1), SD_AWS_RETRY_MAX_BACKOFF_MS);

  r = self->random_func (self->random_data);
  r = CLAMP (r, 0.0, 1.0);
  return (guint) (r * (double) base_ms);
}

gboolean
sd_aws_retry_policy_acquire (SdAwsRetryPolicy *self,
                             guint             attempt,
                             guint             max_attempts,
                             gboolean          is_write,
                             guint             http_status,
                             const char       *aws_code,
                             gboolean          connection_error,
                             gboolean          timeout,
                             guint            *delay_ms,
                             guint            *retry_cost)
{
  guint cost;

  g_return_val_if_fail (self != NULL, FALSE);

  if (delay_ms != NULL)
    *delay_ms = 0;

  /* CreateCase has no idempotency token: a retried write may open a second
   * case. The caller reconciles instead. */
  if (is_write)
    return FALSE;

  if (max_attempts == 0)
    max_attempts = self->max_attempts;
  if (attempt >= max_attempts)
    return FALSE;

  if (!sd_aws_retry_is_retryable (http_status, aws_code, connection_error, timeout))
    return FALSE;

  cost = timeout ? SD_AWS_RETRY_TIMEOUT_COST : SD_AWS_RETRY_COST;
  if (self->tokens < cost)
    return FALSE;

  self->tokens -= cost;
  if (retry_cost != NULL)
    *retry_cost += cost;
  if (delay_ms != NULL)
    *delay_ms = sd_aws_retry_policy_compute_delay (self, attempt);

  return TRUE;
}

gboolean
sd_aws_retry_policy_should_retry (SdAwsRetryPolicy *self,
                                  guint             attempt,
                                  gboolean          is_write,
                                  guint             http_status,
                                  const char       *aws_code,
                                  gboolean          connection_error,
                                  gboolean          timeout,
                                  guint            *delay_ms)
{
  return sd_aws_retry_policy_acquire (self, attempt, 0, is_write, http_status, aws_code,
                                      connection_error, timeout, delay_ms, NULL);
}

void
sd_aws_retry_policy_record_success (SdAwsRetryPolicy *self,
                                    guint             retry_cost)
{
  g_return_if_fail (self != NULL);

  /* As botocore: a first-try success gives one token back, a success after
   * retries gives back what those retries took. */
  self->tokens += retry_cost > 0 ? retry_cost : 1;
  self->tokens = MIN (self->tokens, SD_AWS_RETRY_QUOTA);
}
