/* test-time.c — the one reader of AWS times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "sd-aws-json.h"

static gint64
unix_of (const char *text)
{
  gint64 seconds = -1;

  g_assert_true (sd_aws_parse_iso8601 (text, &seconds));
  return seconds;
}

/* 2024-05-01T10:00:00Z */
#define MAY_FIRST_10 G_GINT64_CONSTANT (1714557600)

static void
test_forms (void)
{
  g_autoptr(GDateTime) moto = sd_aws_parse_time ("2026-11-22T07:42:05.618883");

  g_assert_cmpint (unix_of ("2024-05-01T10:00:00Z"), ==, MAY_FIRST_10);
  g_assert_cmpint (unix_of ("2024-05-01T10:00:00.123Z"), ==, MAY_FIRST_10);
  g_assert_cmpint (unix_of ("2024-05-01T19:00:00+09:00"), ==, MAY_FIRST_10);
  g_assert_cmpint (unix_of ("2024-05-01T10:00:00UTC"), ==, MAY_FIRST_10);
  g_assert_cmpint (unix_of (" 2024-05-01 10:00:00 "), ==, MAY_FIRST_10);
  g_assert_cmpint (unix_of ("2024-05-01"), ==, MAY_FIRST_10 - 10 * 3600);
  g_assert_nonnull (moto);
  g_assert_cmpint (g_date_time_get_hour (moto), ==, 7);
}

/* A time without a zone is UTC, as AWS means it, whatever the machine's own
 * zone: the outbox once read such times (Service Quotas' "Created") as local
 * time while the cases read them as UTC. */
static void
test_no_zone_is_utc (void)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_assert_cmpint (unix_of ("2024-05-01T10:00:00"), ==, MAY_FIRST_10);
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_assert_cmpint (unix_of ("2024-05-01T10:00:00"), ==, MAY_FIRST_10);
  g_unsetenv ("TZ");
}

static void
test_refused (void)
{
  gint64 seconds = 42;
  g_autofree char *long_text = g_strnfill (200, '1');

  g_assert_null (sd_aws_parse_time ("not a time"));
  g_assert_null (sd_aws_parse_time (""));
  g_assert_null (sd_aws_parse_time ("   "));
  g_assert_null (sd_aws_parse_time (NULL));
  g_assert_null (sd_aws_parse_time ("UTC"));
  g_assert_null (sd_aws_parse_time (long_text));
  g_assert_false (sd_aws_parse_iso8601 ("2024-13-01T00:00:00Z", &seconds));
  g_assert_cmpint (seconds, ==, 42);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/time/forms", test_forms);
  g_test_add_func ("/time/no-zone-is-utc", test_no_zone_is_utc);
  g_test_add_func ("/time/refused", test_refused);
  return g_test_run ();
}
