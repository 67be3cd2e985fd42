/* test-retry.c — the standard retry mode, on injected random values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-retry.h"

/* A scripted random source: returns the values in turn, then the last one. */
typedef struct {
  const double *values;
  guint         n_values;
  guint         next;
} FakeRandom;

static double
fake_random (gpointer user_data)
{
  FakeRandom *fake = user_data;
  double v = fake->values[MIN (fake->next, fake->n_values - 1)];

  fake->next++;
  return v;
}

static void
test_retryable_table (void)
{
  static const char * const throttling[] = {
    "Throttling", "ThrottlingException", "ThrottledException",
    "RequestThrottledException", "TooManyRequestsException",
    "ProvisionedThroughputExceededException", "RequestLimitExceeded",
    "LimitExceededException", "SlowDown", "RequestTimeout",
    "PriorRequestNotComplete",
  };
  static const char * const not_retryable[] = {
    "AccessDenied", "AccessDeniedException", "ValidationException",
    "SignatureDoesNotMatch", "NotFoundException", "ConflictException",
    "SubscriptionRequiredException", "CaseCreationLimitExceeded", "throttling", "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (throttling); i++)
    g_assert_true (sd_aws_retry_is_retryable (400, throttling[i], FALSE, FALSE));
  for (gsize i = 0; i < G_N_ELEMENTS (not_retryable); i++)
    g_assert_false (sd_aws_retry_is_retryable (400, not_retryable[i], FALSE, FALSE));

  /* Transient HTTP statuses, whatever the code. */
  g_assert_true (sd_aws_retry_is_retryable (500, NULL, FALSE, FALSE));
  g_assert_true (sd_aws_retry_is_retryable (502, NULL, FALSE, FALSE));
  g_assert_true (sd_aws_retry_is_retryable (503, "ServiceUnavailable", FALSE, FALSE));
  g_assert_true (sd_aws_retry_is_retryable (504, NULL, FALSE, FALSE));
  g_assert_false (sd_aws_retry_is_retryable (501, NULL, FALSE, FALSE));
  g_assert_false (sd_aws_retry_is_retryable (400, NULL, FALSE, FALSE));
  g_assert_false (sd_aws_retry_is_retryable (403, NULL, FALSE, FALSE));
  g_assert_false (sd_aws_retry_is_retryable (404, NULL, FALSE, FALSE));

  /* Transport failures. */
  g_assert_true (sd_aws_retry_is_retryable (0, NULL, TRUE, FALSE));
  g_assert_true (sd_aws_retry_is_retryable (0, NULL, FALSE, TRUE));
  g_assert_false (sd_aws_retry_is_retryable (0, NULL, FALSE, FALSE));
}

static void
test_attempts_cap (void)
{
  static const double half[] = { 0.5 };
  FakeRandom fake = { half, 1, 0 };
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (3);
  guint delay = 12345;

  sd_aws_retry_policy_set_random (policy, fake_random, &fake);
  g_assert_cmpuint (sd_aws_retry_policy_get_max_attempts (policy), ==, 3);

  g_assert_true (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 500, NULL, FALSE, FALSE, &delay));
  g_assert_true (sd_aws_retry_policy_should_retry (policy, 2, FALSE, 500, NULL, FALSE, FALSE, &delay));
  /* The third attempt was the last one. */
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 3, FALSE, 500, NULL, FALSE, FALSE, &delay));
  g_assert_cmpuint (delay, ==, 0);

  /* A call with its own cap (the profile's max_attempts). */
  g_assert_true (sd_aws_retry_policy_acquire (policy, 3, 5, FALSE, 503, NULL, FALSE, FALSE, &delay, NULL));
  g_assert_true (sd_aws_retry_policy_acquire (policy, 4, 5, FALSE, 503, NULL, FALSE, FALSE, &delay, NULL));
  g_assert_false (sd_aws_retry_policy_acquire (policy, 5, 5, FALSE, 503, NULL, FALSE, FALSE, &delay, NULL));
  g_assert_false (sd_aws_retry_policy_acquire (policy, 1, 1, FALSE, 503, NULL, FALSE, FALSE, &delay, NULL));

  /* max_attempts 0 is taken as 1: never retry. */
  sd_aws_retry_policy_set_max_attempts (policy, 0);
  g_assert_cmpuint (sd_aws_retry_policy_get_max_attempts (policy), ==, 1);
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 500, NULL, FALSE, FALSE, &delay));
}

static void
test_delay_formula (void)
{
  static const double values[] = { 0.5, 0.25, 0.75, 0.0, 1.0, 0.5 };
  FakeRandom fake = { values, G_N_ELEMENTS (values), 0 };
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (10);

  sd_aws_retry_policy_set_random (policy, fake_random, &fake);

  /* rand × min(2^(attempt−1), 20) s */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 1), ==, 500);   /* 0.5 × 1 s */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 2), ==, 500);   /* 0.25 × 2 s */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 3), ==, 3000);  /* 0.75 × 4 s */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 4), ==, 0);     /* 0 × 8 s */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 5), ==, 16000); /* 1 × 16 s */
  /* 2^5 = 32 s is capped at 20 s. */
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 6), ==, 10000);
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 7), ==, 10000);
  g_assert_cmpuint (sd_aws_retry_policy_compute_delay (policy, 60), ==, 10000);
  g_assert_cmpuint (fake.next, ==, 8);
}

static void
test_delay_cap (void)
{
  static const double one[] = { 1.0 };
  FakeRandom fake = { one, 1, 0 };
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (100);
  guint delay = 0;

  sd_aws_retry_policy_set_random (policy, fake_random, &fake);
  for (guint attempt = 1; attempt < 40; attempt++)
    {
      g_assert_true (sd_aws_retry_policy_should_retry (policy, attempt, FALSE, 503, NULL,
                                                       FALSE, FALSE, &delay));
      g_assert_cmpuint (delay, <=, 20000);
      if (attempt >= 6)
        g_assert_cmpuint (delay, ==, 20000);
    }
}

static void
test_default_random_in_range (void)
{
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (3);
  gboolean varied = FALSE;
  guint first = sd_aws_retry_policy_compute_delay (policy, 2);

  for (guint i = 0; i < 200; i++)
    {
      guint d = sd_aws_retry_policy_compute_delay (policy, 2);
      g_assert_cmpuint (d, <=, 2000);
      varied |= d != first;
    }
  /* Jitter: 200 draws in [0, 2000] ms are not all the same. */
  g_assert_true (varied);
}

static void
test_quota_exhaustion (void)
{
  static const double zero[] = { 0.0 };
  FakeRandom fake = { zero, 1, 0 };
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (3);
  guint delay;
  guint retries = 0;

  sd_aws_retry_policy_set_random (policy, fake_random, &fake);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 500);

  /* 500 tokens pay for 100 retries of 5; the 101st is refused. */
  while (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 500, NULL, FALSE, FALSE, &delay))
    {
      retries++;
      g_assert_cmpuint (retries, <=, 100);
    }
  g_assert_cmpuint (retries, ==, 100);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 0);
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 0, NULL, TRUE, FALSE, &delay));
  g_assert_cmpuint (delay, ==, 0);

  /* Timeouts cost 10: with 5 tokens back, a timeout is still refused but a
   * throttling error is retried. */
  sd_aws_retry_policy_record_success (policy, 5);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 5);
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 0, NULL, FALSE, TRUE, &delay));
  g_assert_true (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 400, "Throttling", FALSE, FALSE, &delay));
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 0);
}

static void
test_refunds (void)
{
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (3);
  guint delay;
  guint cost = 0;

  /* Two retries of one call: a timeout (10) then a 503 (5). */
  g_assert_true (sd_aws_retry_policy_acquire (policy, 1, 0, FALSE, 0, NULL, FALSE, TRUE, &delay, &cost));
  g_assert_true (sd_aws_retry_policy_acquire (policy, 2, 0, FALSE, 503, NULL, FALSE, FALSE, &delay, &cost));
  g_assert_cmpuint (cost, ==, 15);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 485);

  /* The call then succeeded: its 15 tokens come back. */
  sd_aws_retry_policy_record_success (policy, cost);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 500);

  /* Never above the maximum. */
  sd_aws_retry_policy_record_success (policy, 0);
  sd_aws_retry_policy_record_success (policy, 50);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 500);

  /* A first-try success refunds one token. */
  g_assert_true (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 500, NULL, FALSE, FALSE, &delay));
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 495);
  sd_aws_retry_policy_record_success (policy, 0);
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 496);
}

static void
test_writes_never_retried (void)
{
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (10);
  guint delay = 99;
  guint cost = 0;

  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, TRUE, 500, NULL, FALSE, FALSE, &delay));
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, TRUE, 503, "ServiceUnavailable", FALSE, FALSE, &delay));
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, TRUE, 400, "ThrottlingException", FALSE, FALSE, &delay));
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, TRUE, 0, NULL, TRUE, FALSE, &delay));
  g_assert_false (sd_aws_retry_policy_acquire (policy, 1, 5, TRUE, 0, NULL, FALSE, TRUE, &delay, &cost));
  g_assert_cmpuint (delay, ==, 0);
  g_assert_cmpuint (cost, ==, 0);
  /* Refusing a write takes nothing from the quota. */
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 500);
  /* The same failure of a read is retried. */
  g_assert_true (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 500, NULL, FALSE, FALSE, &delay));
}

static void
test_non_retryable_takes_nothing (void)
{
  g_autoptr(SdAwsRetryPolicy) policy = sd_aws_retry_policy_new (3);
  guint delay;

  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 403, "AccessDenied", FALSE, FALSE, &delay));
  g_assert_false (sd_aws_retry_policy_should_retry (policy, 1, FALSE, 400, "ValidationException", FALSE, FALSE, &delay));
  g_assert_cmpuint (sd_aws_retry_policy_get_tokens (policy), ==, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retry/retryable-table", test_retryable_table);
  g_test_add_func ("/retry/attempts-cap", test_attempts_cap);
  g_test_add_func ("/retry/delay-formula", test_delay_formula);
  g_test_add_func ("/retry/delay-cap", test_delay_cap);
  g_test_add_func ("/retry/default-random", test_default_random_in_range);
  g_test_add_func ("/retry/quota-exhaustion", test_quota_exhaustion);
  g_test_add_func ("/retry/refunds", test_refunds);
  g_test_add_func ("/retry/writes-never-retried", test_writes_never_retried);
  g_test_add_func ("/retry/non-retryable-takes-nothing", test_non_retryable_takes_nothing);

  return g_test_run ();
}
