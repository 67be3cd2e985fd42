/* test-faults.c — never lost, never twice, under the emulator's faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Randomized trials (seeded; the seed is printed, SD_FAULT_SEED replays it,
 * SD_FAULT_TRIALS sets how many): each sends one request down one route
 * (PutAccountDetails, Service Quotas, Support CreateCase) while the
 * emulator fails the write in one of these ways — before it commits (500,
 * 503, a dropped connection), after it commits (dropped, 500, a timeout, a
 * truncated or malformed answer), slowly (a timeout, then the write lands
 * late), or throttled (429) — and sometimes fails a read of the
 * reconciliation once as well. The user then sends again whatever is
 * offered to be sent again. Afterwards, from the emulator's own state and
 * its request log: the request was applied exactly once, and the entry
 * is confirmed (or, never here, clearly marked for the user).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sd-aws-json.h"
#include "sd-state-file.h"
#include "sd-outbox.h"
#include "request-test-util.h"

#define PROFILE         "req-faults"
#define PUT_REGION      "eu-west-1"
#define QUOTA_REGION    "us-east-1"
#define CASE_REGION     "eu-central-1"
#define CLIENT_TIMEOUT  1       /* s */
#define SETTLE_MS       2500    /* longer than the slowest late write below */
#define MAX_RESENDS     3

typedef enum {
  ROUTE_PUT,
  ROUTE_QUOTA,
  ROUTE_CASE,
  N_ROUTES
} Route;

typedef enum {
  FAULT_NONE,
  FAULT_BEFORE_500,       /* fail before commit */
  FAULT_BEFORE_503,
  FAULT_BEFORE_DROP,
  FAULT_SLOW_LATE_COMMIT, /* no answer in time; the write lands after the client gave up */
  FAULT_COMMIT_DROP,      /* commit, then drop the connection */
  FAULT_COMMIT_500,       /* commit, then answer 500 */
  FAULT_COMMIT_TIMEOUT,   /* commit, then answer too late */
  FAULT_COMMIT_TRUNCATE,  /* commit, then half an answer */
  FAULT_COMMIT_MALFORMED, /* commit, then 200 with a broken body */
  FAULT_THROTTLE_429,
  N_FAULTS
} Fault;

static const char * const route_names[] = { "put-account-details", "service-quotas", "support-case" };
static const char * const fault_names[] = {
  "none", "before-500", "before-503", "before-drop", "slow-late-commit", "commit-drop", "commit-500",
  "commit-timeout", "commit-truncate", "commit-malformed", "throttle-429",
};
static const char * const write_operations[] = { "PutAccountDetails", "RequestServiceQuotaIncrease", "CreateCase" };
static const char * const write_services[] = { "sesv2", "service-quotas", "support" };
static const char * const reconcile_reads[][2] = {
  { "sesv2", "GetAccount" },
  { "service-quotas", "ListRequestedServiceQuotaChangeHistoryByQuota" },
  { "support", "DescribeCases" },
};

/* Auxiliary functions */

static void
reset_region (const char *account,
              Route       route)
{
  g_autofree char *body = NULL;

  if (route == ROUTE_PUT)
    body = g_strdup_printf ("{\"account\": \"%s\", \"region\": \"%s\", \"account_state\": {\"status\": \"sandbox\"}}",
                            account, PUT_REGION);
  else if (route == ROUTE_QUOTA)
    body = g_strdup_printf ("{\"account\": \"%s\", \"region\": \"%s\", \"account_state\": {\"status\": \"production\","
                            " \"quota\": {\"max24\": 50000, \"maxrate\": 14, \"sent\": 0}, \"quota_requests\": []}}",
                            account, QUOTA_REGION);
  if (body != NULL)
    emu_control_quiet ("POST", "/state", body);
}

static char *
fault_json (Route  route,
            Fault  fault,
            GRand *rand,
            int   *delay_ms)
{
  const char *service = write_services[route];
  const char *operation = write_operations[route];
  g_autofree char *what = NULL;

  switch (fault)
    {
    case FAULT_BEFORE_500:
      what = g_strdup ("\"status\": 500");
      break;
    case FAULT_BEFORE_503:
      what = g_strdup ("\"status\": 503");
      break;
    case FAULT_BEFORE_DROP:
      what = g_strdup ("\"drop\": true");
      break;
    case FAULT_SLOW_LATE_COMMIT:
      *delay_ms = g_rand_int_range (rand, 1300, 2000);
      what = g_strdup_printf ("\"delay_ms\": %d", *delay_ms);
      break;
    case FAULT_COMMIT_DROP:
      what = g_strdup ("\"after_apply\": true, \"drop\": true");
      break;
    case FAULT_COMMIT_500:
      what = g_strdup ("\"after_apply\": true, \"status\": 500");
      break;
    case FAULT_COMMIT_TIMEOUT:
      *delay_ms = g_rand_int_range (rand, 1300, 2000);
      what = g_strdup_printf ("\"after_apply\": true, \"delay_ms\": %d", *delay_ms);
      break;
    case FAULT_COMMIT_TRUNCATE:
      what = g_strdup ("\"after_apply\": true, \"truncate\": true");
      break;
    case FAULT_COMMIT_MALFORMED:
      what = g_strdup ("\"after_apply\": true, \"malformed\": true");
      break;
    case FAULT_THROTTLE_429:
      what = g_strdup ("\"status\": 429");
      break;
    case FAULT_NONE:
    case N_FAULTS:
    default:
      return NULL;
    }
  return g_strdup_printf ("{\"service\": \"%s\", \"operation\": \"%s\", \"count\": 1, %s}", service, operation, what);
}

/* Whether a logged write belongs to this trial's request. */
static gboolean
log_entry_is_ours (JsonObject *logged,
                   Route       route,
                   const char *reference,
                   double      desired)
{
  JsonObject *params = sd_json_get_object (logged, "params");
  const char *text;

  switch (route)
    {
    case ROUTE_PUT:
      text = sd_json_get_string (params, "UseCaseDescription");
      return text != NULL && strstr (text, reference) != NULL;
    case ROUTE_QUOTA:
      return sd_json_get_double (params, "DesiredValue", -1) == desired;
    case ROUTE_CASE:
    case N_ROUTES:
    default:
      text = sd_json_get_string (params, "subject");
      return text != NULL && strstr (text, reference) != NULL;
    }
}

/* How many of this trial's writes the emulator applied, by its log: a 200,
 * or a fault injected after the write was applied. */
static guint
count_applied_writes (Route       route,
                      const char *reference,
                      double      desired,
                      guint      *sent)
{
  g_autoptr(JsonArray) log = emu_requests (write_operations[route], NULL);
  guint applied = 0;

  *sent = 0;
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *logged = json_array_get_object_element (log, i);
      const char *fault = sd_json_get_string (logged, "fault");

      if (!log_entry_is_ours (logged, route, reference, desired))
        continue;
      (*sent)++;
      if (sd_json_get_double (logged, "status", 0) == 200 || (fault != NULL && strstr (fault, "after_apply") != NULL))
        applied++;
    }
  return applied;
}

/* How many times the request is in the emulator's state. */
static guint
count_in_state (const char    *account_id,
                Route          route,
                SdOutboxEntry *entry,
                double         desired)
{
  const char *reference = sd_outbox_entry_get_reference (entry);

  if (route == ROUTE_QUOTA)
    {
      g_autoptr(JsonObject) account = emu_account_state (account_id);
      JsonArray *requests = sd_json_get_array (emu_region_state (account, QUOTA_REGION), "quota_requests");
      guint n = 0;

      for (guint i = 0; requests != NULL && i < json_array_get_length (requests); i++)
        {
          JsonObject *request = json_array_get_object_element (requests, i);

          if (sd_json_get_double (request, "desired_value", -1) == desired)
            {
              g_assert_cmpstr (sd_json_get_string (request, "id"), ==, sd_outbox_entry_get_quota_request_id (entry));
              n++;
            }
        }
      return n;
    }
  /* A Support case whose subject carries the reference, or the review case
   * SES opened, whose text carries our description. */
  return emu_count_cases (account_id, reference);
}

static void
assert_journal_has (SdOutbox      *outbox,
                    SdOutboxEntry *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) journal = sd_state_file_read_json (sd_outbox_get_journal_path (outbox), &error);
  JsonArray *entries = sd_json_get_array (journal, "entries");

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *logged = json_array_get_object_element (entries, i);

      if (g_strcmp0 (sd_json_get_string (logged, "id"), sd_outbox_entry_get_id (entry)) == 0)
        {
          g_assert_cmpstr (sd_json_get_string (logged, "state"), ==,
                           sd_outbox_state_to_id (sd_outbox_entry_get_state (entry)));
          g_assert_cmpstr (sd_json_get_string (logged, "reference"), ==, sd_outbox_entry_get_reference (entry));
          return;
        }
    }
  g_error ("entry %s is not in the journal", sd_outbox_entry_get_reference (entry));
}

/* Tests */

static void
test_randomized_faults (void)
{
  const char *seed_env = g_getenv ("SD_FAULT_SEED");
  const char *trials_env = g_getenv ("SD_FAULT_TRIALS");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  guint trials = trials_env != NULL ? (guint) g_ascii_strtoull (trials_env, NULL, 10) : 120;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SdAwsClient) client = new_client (CLIENT_TIMEOUT);
  g_autoptr(SdOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  const char *account_id = emu_account_id (PROFILE);
  guint by_fault[N_FAULTS] = { 0 };
  guint by_route[N_ROUTES] = { 0 };
  guint confirmed = 0;
  guint marked = 0;
  guint resent = 0;
  guint reconciled = 0;
  guint read_faults = 0;
  guint total_sent = 0;
  gint64 started = g_get_monotonic_time ();

  printf ("# fault trials: seed %u (replay with SD_FAULT_SEED=%u), %u trials\n", seed, seed, trials);
  fflush (stdout);
  outbox = sd_outbox_new (client, dir, &error);
  g_assert_no_error (error);
  /* SD_FAULT_SETTLE_MS: to see the test catch a settling time shorter than the slowest write. */
  sd_outbox_set_settle_time (outbox, g_getenv ("SD_FAULT_SETTLE_MS") != NULL
                                     ? (guint) g_ascii_strtoull (g_getenv ("SD_FAULT_SETTLE_MS"), NULL, 10)
                                     : SETTLE_MS);

  for (guint trial = 0; trial < trials; trial++)
    {
      Route route = g_rand_int_range (rand, 0, N_ROUTES);
      Fault fault = g_rand_int_range (rand, 0, N_FAULTS);
      gboolean read_fault = g_rand_int_range (rand, 0, 10) < 3;
      int delay_ms = 0;
      g_autofree char *fault_spec = fault_json (route, fault, rand, &delay_ms);
      g_autoptr(SdRequest) request = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      SdOutboxEntry *entry;
      double desired = 60000 + trial;
      g_autofree char *desired_text = g_strdup_printf ("%.0f", desired);
      guint applied;
      guint in_state;
      guint sent;
      guint rounds = 0;
      gboolean was_uncertain = FALSE;
      gint64 trial_start = g_get_monotonic_time ();

      by_fault[fault]++;
      by_route[route]++;
      reset_region (account_id, route);
      emu_control_quiet ("DELETE", "/faults", NULL);
      if (fault_spec != NULL)
        emu_control_quiet ("POST", "/faults", fault_spec);
      if (read_fault)
        {
          g_autofree char *read_spec =
            g_strdup_printf ("{\"service\": \"%s\", \"operation\": \"%s\", \"count\": 1, \"status\": 503}",
                             reconcile_reads[route][0], reconcile_reads[route][1]);

          emu_control_quiet ("POST", "/faults", read_spec);
          read_faults++;
        }

      request = filled_request (route == ROUTE_CASE ? SD_REQUEST_KIND_DEDICATED_IPS : SD_REQUEST_KIND_SENDING_LIMITS,
                                PROFILE, route == ROUTE_PUT ? PUT_REGION : route == ROUTE_QUOTA ? QUOTA_REGION
                                                                                               : CASE_REGION, "en");
      sd_request_set_ses_support_case (request, route == ROUTE_CASE);
      sd_request_set_limit_value (request, desired_text);

      entries = send_and_wait (outbox, request, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, 1);
      entry = g_ptr_array_index (entries, 0);
      was_uncertain = sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_UNCERTAIN;
      wait_outbox_idle (outbox, 60000);

      /* The user sends again only what is offered to be sent again. */
      while (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_FAILED && rounds < MAX_RESENDS)
        {
          g_assert_true (sd_outbox_entry_get_can_send_again (entry));
          g_assert_true (send_again_and_wait (outbox, entry, &error));
          g_assert_no_error (error);
          wait_outbox_idle (outbox, 60000);
          rounds++;
          resent++;
        }

      /* Never left in between: confirmed, or marked for the user with a reason. */
      if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_CONFIRMED)
        confirmed++;
      else if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_NEEDS_USER &&
               sd_outbox_entry_get_reason (entry) != SD_OUTBOX_REASON_NONE)
        marked++;
      else
        g_error ("trial %u (%s, %s): ended %s: %s", trial, route_names[route], fault_names[fault],
                 sd_outbox_state_to_id (sd_outbox_entry_get_state (entry)), sd_outbox_entry_get_detail (entry));
      reconciled += was_uncertain;

      /* Exactly once at AWS, by its state and by its log; none lost. The
       * emulator logs a delayed request once it has answered it: wait for
       * every write the entry made to be in the log. */
      applied = count_applied_writes (route, sd_outbox_entry_get_reference (entry), desired, &sent);
      for (guint wait = 0; delay_ms > 0 && sent < sd_outbox_entry_get_attempts (entry) && wait < 100; wait++)
        {
          run_main_for (100);
          applied = count_applied_writes (route, sd_outbox_entry_get_reference (entry), desired, &sent);
        }
      in_state = count_in_state (account_id, route, entry, desired);
      total_sent += sent;
      if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_CONFIRMED && (applied != 1 || in_state != 1))
        g_error ("trial %u (%s, %s): confirmed but applied %u times (log) / %u (state), sent %u", trial,
                 route_names[route], fault_names[fault], applied, in_state, sent);
      if (sd_outbox_entry_get_state (entry) != SD_OUTBOX_STATE_CONFIRMED && applied > 1)
        g_error ("trial %u (%s, %s): applied %u times", trial, route_names[route], fault_names[fault], applied);
      g_assert_cmpuint (sd_outbox_entry_get_attempts (entry), ==, sent);
      if (route == ROUTE_CASE)
        g_assert_nonnull (sd_outbox_entry_get_case_id (entry));
      if (route == ROUTE_PUT)
        g_assert_cmpstr (sd_outbox_entry_get_review_status (entry), ==, "PENDING");
      assert_journal_has (outbox, entry);

      g_test_message ("trial %3u %-19s %-17s%s → %s after %u send(s), %u resend(s), %.2f s", trial,
                      route_names[route], fault_names[fault], read_fault ? " +read-503" : "",
                      sd_outbox_state_to_id (sd_outbox_entry_get_state (entry)), sent, rounds,
                      (g_get_monotonic_time () - trial_start) / 1e6);
    }

  printf ("# fault trials: %u trials in %.1f s (seed %u): %u confirmed, %u marked for the user; "
          "%u reconciled after an open answer, %u sent again by the user, %u writes sent, %u read faults\n",
          trials, (g_get_monotonic_time () - started) / 1e6, seed, confirmed, marked, reconciled, resent,
          total_sent, read_faults);
  for (guint i = 0; i < N_FAULTS; i++)
    printf ("#   %-17s %u\n", fault_names[i], by_fault[i]);
  for (guint i = 0; i < N_ROUTES; i++)
    printf ("#   %-19s %u\n", route_names[i], by_route[i]);
  fflush (stdout);
  {
    g_autofree char *journal = NULL;
    gsize length = 0;
    gint64 start;

    /* What one journal write costs at the end, with every trial's entry in it. */
    g_assert_true (g_file_get_contents (sd_outbox_get_journal_path (outbox), &journal, &length, NULL));
    start = g_get_monotonic_time ();
    for (guint i = 0; i < 10; i++)
      g_assert_true (sd_state_file_write_atomic (sd_outbox_get_journal_path (outbox), journal, length, NULL));
    printf ("# journal: %u entries, %.0f KiB, %.2f ms per durable write\n", trials, length / 1024.0,
            (g_get_monotonic_time () - start) / 10000.0);
  }
  g_assert_cmpuint (confirmed + marked, ==, trials);
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (outbox)), ==, trials);

  g_clear_object (&outbox);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faults/randomized", test_randomized_faults);

  return g_test_run ();
}
