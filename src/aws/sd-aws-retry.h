/* sd-aws-retry.h — the AWS SDKs' "standard" retry mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decides whether a failed attempt is retried, and after how long. Holds the
 * retry quota (500 tokens; a retry costs 5, a timeout 10; a success refunds
 * what its retries took, or 1 when there were none, up to the maximum).
 * The random source is injectable so that tests run on a fake clock. */
typedef struct _SdAwsRetryPolicy SdAwsRetryPolicy;

typedef double (*SdAwsRandomFunc) (gpointer user_data); /* uniform in [0, 1) */

#define SD_AWS_RETRY_DEFAULT_MAX_ATTEMPTS 3
#define SD_AWS_RETRY_QUOTA                500
#define SD_AWS_RETRY_COST                 5
#define SD_AWS_RETRY_TIMEOUT_COST         10
#define SD_AWS_RETRY_MAX_BACKOFF_MS       20000

/* sd_aws_retry_policy_new: a policy with a full quota and @max_attempts (at least 1). */
SdAwsRetryPolicy *sd_aws_retry_policy_new        (guint max_attempts);
/* sd_aws_retry_policy_free: frees @self. */
void              sd_aws_retry_policy_free       (SdAwsRetryPolicy *self);
/* sd_aws_retry_policy_set_random: the jitter source (NULL: g_random_double). */
void              sd_aws_retry_policy_set_random (SdAwsRetryPolicy *self,
                                                  SdAwsRandomFunc   func,
                                                  gpointer          user_data);
/* sd_aws_retry_policy_get_max_attempts: the default maximum number of attempts. */
guint             sd_aws_retry_policy_get_max_attempts (SdAwsRetryPolicy *self);
/* Changes the default maximum number of attempts (at least 1). */
void              sd_aws_retry_policy_set_max_attempts (SdAwsRetryPolicy *self,
                                                        guint             max_attempts);
/* sd_aws_retry_policy_get_tokens: what is left of the retry quota. */
guint             sd_aws_retry_policy_get_tokens (SdAwsRetryPolicy *self);

/* TRUE when an error with this HTTP status / AWS code / transport failure is retryable. */
gboolean          sd_aws_retry_is_retryable      (guint       http_status,
                                                  const char *aws_code,
                                                  gboolean    connection_error,
                                                  gboolean    timeout);

/* After attempt number @attempt (1-based) failed: returns TRUE and sets
 * @delay_ms when another attempt is allowed (never for writes), taking tokens
 * from the quota. */
gboolean          sd_aws_retry_policy_should_retry (SdAwsRetryPolicy *self,
                                                    guint             attempt,
                                                    gboolean          is_write,
                                                    guint             http_status,
                                                    const char       *aws_code,
                                                    gboolean          connection_error,
                                                    gboolean          timeout,
                                                    guint            *delay_ms);
/* As sd_aws_retry_policy_should_retry(), with this call's own maximum number
 * of attempts (0 = the policy's), and the tokens taken added to @retry_cost
 * (may be NULL) so that a later success can refund them. */
gboolean          sd_aws_retry_policy_acquire      (SdAwsRetryPolicy *self,
                                                    guint             attempt,
                                                    guint             max_attempts,
                                                    gboolean          is_write,
                                                    guint             http_status,
                                                    const char       *aws_code,
                                                    gboolean          connection_error,
                                                    gboolean          timeout,
                                                    guint            *delay_ms,
                                                    guint            *retry_cost);
/* After a successful attempt: refunds the tokens of the call's retries. */
void              sd_aws_retry_policy_record_success (SdAwsRetryPolicy *self,
                                                      guint             retry_cost);

/* The delay before attempt @attempt + 1: rand × min(2^(attempt−1), 20) s, in ms. */
guint             sd_aws_retry_policy_compute_delay (SdAwsRetryPolicy *self,
                                                     guint             attempt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsRetryPolicy, sd_aws_retry_policy_free)

G_END_DECLS
