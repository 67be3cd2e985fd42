/* test-kill.c — drafts and the outbox journal after kill -9
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test binary runs itself as a child that types into a draft, or sends
 * requests one after another through the outbox (against the emulator, with
 * answers slowed down so that a kill lands mid-request), and kills it with
 * SIGKILL at random moments (seeded; SD_KILL_SEED replays). The child says
 * on stdout what it had acknowledged ("SAVED n" once a draft is on disk,
 * "DONE ref state" once a send finished). Afterwards the parent checks:
 * the draft and the journal parse, no partial entry, nothing acknowledged
 * is lost, every case AWS has from the child is in the journal, and after
 * reconciling (and sending again what is offered) each request is at AWS
 * exactly once.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-draft-store.h"
#include "sd-state-file.h"
#include "sd-outbox.h"
#include "request-test-util.h"

#define PROFILE     "req-faults"
#define CASE_REGION "eu-central-1"

/* What the child types, one character at a time. */
static const char typed_text[] =
  "We send receipts, password resets and shipping notices for shop.example.com; "
  "bounces and complaints go to SNS and the suppression list. 日本語も入力します。"
  "Dedicated IPs keep our reputation apart from other senders on shared addresses. ";

/* Auxiliary functions */

static void
child_say (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
child_say (const char *format,
           ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize length;
  gsize written = 0;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  length = strlen (line);
  /* One write per line: a line is either all there or not at all. */
  while (written < length)
    {
      gssize n = write (STDOUT_FILENO, line + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (3);
      written += n;
    }
}

/* The prefix of typed_text of @n characters (the text repeats). */
static char *
typed_prefix (glong n)
{
  GString *out = g_string_new (NULL);
  glong total = g_utf8_strlen (typed_text, -1);

  for (glong i = 0; i < n; i++)
    {
      const char *c = g_utf8_offset_to_pointer (typed_text, i % total);

      g_string_append_len (out, c, g_utf8_next_char (c) - c);
    }
  return g_string_free (out, FALSE);
}

static void
on_child_saved (SdDraftStore *store,
                SdRequest    *request,
                gpointer      user_data)
{
  child_say ("SAVED %ld\n", g_utf8_strlen (sd_request_get_use_case (request), -1));
}

/* Child: types into a draft until killed. */
static int
child_type (const char *dir,
            const char *mode)
{
  g_autoptr(SdDraftStore) store = sd_draft_store_new (dir);
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_DEDICATED_IPS);
  gboolean tight = g_str_equal (mode, "tight");

  sd_request_set_region (request, "eu-west-1");
  g_signal_connect (store, "saved", G_CALLBACK (on_child_saved), NULL);
  if (!tight)
    {
      /* Short delays, so that kills land in and around many saves. */
      sd_draft_store_set_delays (store, 20, 60);
      sd_draft_store_track (store, request);
    }
  child_say ("ID %s\n", sd_request_get_id (request));

  for (glong n = 1;; n++)
    {
      g_autofree char *text = typed_prefix (n);

      sd_request_set_use_case (request, text);
      if (tight)
        g_assert_true (sd_draft_store_save (store, request, NULL));
      else
        run_main_for (3);
    }
  return 0;
}

/* Child: sends dedicated-IP cases one after the other until killed. */
static int
child_send (const char *dir)
{
  g_autoptr(SdAwsClient) client = new_client (5);
  g_autoptr(SdOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;

  outbox = sd_outbox_new (client, dir, &error);
  g_assert_no_error (error);
  for (guint i = 0;; i++)
    {
      g_autoptr(SdRequest) request = filled_request (SD_REQUEST_KIND_DEDICATED_IPS, PROFILE, CASE_REGION, "en");
      g_autoptr(GPtrArray) entries = NULL;
      SdOutboxEntry *entry;

      sd_request_set_ses_support_case (request, TRUE);
      child_say ("START %s\n", sd_request_get_id (request));
      entries = send_and_wait (outbox, request, &error);
      g_assert_no_error (error);
      entry = g_ptr_array_index (entries, 0);
      child_say ("DONE %s %s\n", sd_outbox_entry_get_reference (entry),
                 sd_outbox_state_to_id (sd_outbox_entry_get_state (entry)));
    }
  return 0;
}

/* Parent: runs the child for @ms, kills it, and gives back what it said. */
static char *
run_child_and_kill (const char * const *args,
                    guint               ms)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  GPid pid;
  int out_fd;
  int status;
  char buffer[4096];
  gssize n;

  g_ptr_array_add (argv, (gpointer) "/proc/self/exe");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  g_usleep ((gulong) ms * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* Killed, not exited: the test is about the kill. */
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);

  while ((n = read (out_fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (output, buffer, n);
  close (out_fd);
  return g_string_free (g_steal_pointer (&output), FALSE);
}

static guint
count_leftovers (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    n += g_str_has_prefix (name, ".sd-tmp-");
  return n;
}

/* Tests */

static void
test_kill_while_typing (void)
{
  const char *seed_env = g_getenv ("SD_KILL_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint trials = 40;
  guint with_leftover = 0;
  guint total_saves = 0;
  guint before_first_save = 0;

  printf ("# kill while typing: seed %u (replay with SD_KILL_SEED=%u), %u kills\n", seed, seed, trials);
  fflush (stdout);
  for (guint trial = 0; trial < trials; trial++)
    {
      g_autofree char *dir = make_temp_dir ();
      const char *mode = trial % 2 == 0 ? "tight" : "debounced";
      const char *args[] = { "--child-type", dir, mode, NULL };
      guint ms = g_rand_int_range (rand, 30, 900);
      g_autofree char *output = run_child_and_kill (args, ms);
      g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
      g_autoptr(SdDraftStore) store = sd_draft_store_new (dir);
      g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) drafts = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      const char *id = NULL;
      glong acknowledged = -1;
      glong found;
      SdRequest *draft;

      /* Only whole lines count (the last element is what follows the last new line). */
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "ID "))
            id = lines[i] + 3;
          else if (g_str_has_prefix (lines[i], "SAVED "))
            {
              acknowledged = MAX (acknowledged, g_ascii_strtoll (lines[i] + 6, NULL, 10));
              total_saves++;
            }
        }
      if (id == NULL)
        {
          /* Killed before the first save could be reported: nothing was promised. */
          remove_tree (dir);
          continue;
        }

      with_leftover += count_leftovers (dir) > 0;
      drafts = sd_draft_store_load_all (store, broken, &error);
      g_assert_no_error (error);
      /* Whole: parsable, never a torn file, leftovers of the killed write cleaned. */
      g_assert_cmpuint (broken->len, ==, 0);
      g_assert_cmpuint (count_leftovers (dir), ==, 0);
      if (drafts->len == 0)
        {
          /* Killed before the first save was on disk (the child names its
           * draft before saving it; a first save with its fsyncs can take
           * long on a busy disk): allowed only when none was acknowledged. */
          if (acknowledged >= 0)
            g_error ("kill %u (%s) after %u ms: %ld characters acknowledged, no draft on disk", trial, mode, ms,
                     acknowledged);
          g_test_message ("kill %2u (%s) after %3u ms: before the first save, nothing on disk", trial, mode, ms);
          before_first_save++;
          remove_tree (dir);
          continue;
        }
      g_assert_cmpuint (drafts->len, ==, 1);
      draft = g_ptr_array_index (drafts, 0);
      g_assert_cmpstr (sd_request_get_id (draft), ==, id);
      found = g_utf8_strlen (sd_request_get_use_case (draft), -1);
      expected = typed_prefix (found);
      /* What is there is what was typed, and nothing acknowledged is missing. */
      g_assert_cmpstr (sd_request_get_use_case (draft), ==, expected);
      g_assert_cmpint (found, >=, acknowledged);
      g_test_message ("kill %2u (%s) after %3u ms: %ld characters acknowledged, %ld on disk", trial, mode, ms,
                      acknowledged, found);
      remove_tree (dir);
    }
  printf ("# kill while typing: %u kills, %u saves acknowledged, %u kills left a temporary file (cleaned), "
          "%u came before the first save, no draft lost or torn\n", trials, total_saves, with_leftover,
          before_first_save);
  fflush (stdout);
}

static void
test_kill_while_sending (void)
{
  const char *seed_env = g_getenv ("SD_KILL_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  g_autoptr(SdAwsClient) client = new_client (5);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) reference_re = g_regex_new ("\\[(SD-[2-9A-Z]{6})\\]", 0, 0, NULL);
  const char *account_id = emu_account_id (PROFILE);
  guint trials = 20;
  guint done_total = 0;
  guint uncertain_total = 0;
  guint confirmed_total = 0;
  guint resent_total = 0;

  printf ("# kill while sending: seed %u, %u kills\n", seed, trials);
  fflush (stdout);
  for (guint trial = 0; trial < trials; trial++)
    {
      g_autofree char *dir = make_temp_dir ();
      const char *args[] = { "--child-send", dir, NULL };
      guint ms = g_rand_int_range (rand, 150, 1500);
      /* The write applied then slow to answer; slow then applied; slow then refused (never applied). */
      static const char * const variants[] = { "write then wait", "wait then write", "wait then refuse" };
      guint variant = g_rand_int_range (rand, 0, 3);
      g_autofree char *fault = g_strdup_printf ("{\"service\": \"support\", \"operation\": \"CreateCase\", "
                                                "\"count\": -1, \"delay_ms\": %d%s}",
                                                g_rand_int_range (rand, 50, 250),
                                                variant == 0 ? ", \"after_apply\": true"
                                                : variant == 2 ? ", \"status\": 500" : "");
      g_autofree char *output = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(SdOutbox) outbox = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GHashTable) journal_refs = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(JsonObject) account = NULL;
      GListModel *entries;
      JsonArray *cases;
      guint uncertain = 0;

      emu_control_quiet ("DELETE", "/faults", NULL);
      emu_control_quiet ("POST", "/faults", fault);
      output = run_child_and_kill (args, ms);
      emu_control_quiet ("DELETE", "/faults", NULL);
      /* Let the emulator finish what the killed child had in flight. */
      g_usleep (400 * 1000);

      outbox = sd_outbox_new (client, dir, &error);
      g_assert_no_error (error);   /* the journal is whole */
      sd_outbox_set_settle_time (outbox, 0);
      entries = sd_outbox_get_entries (outbox);
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, i);

          g_hash_table_add (journal_refs, (gpointer) sd_outbox_entry_get_reference (entry));
          uncertain += sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_UNCERTAIN;
          g_assert_cmpint (sd_outbox_entry_get_state (entry), !=, SD_OUTBOX_STATE_SENDING);
          g_assert_cmpint (sd_outbox_entry_get_state (entry), !=, SD_OUTBOX_STATE_PENDING);
        }

      /* Nothing acknowledged is lost: every finished send is there, as it finished. */
      lines = g_strsplit (output, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        if (g_str_has_prefix (lines[i], "DONE "))
          {
            g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
            gboolean present = FALSE;

            for (guint k = 0; k < g_list_model_get_n_items (entries); k++)
              {
                g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, k);

                if (g_str_equal (sd_outbox_entry_get_reference (entry), parts[1]))
                  {
                    g_assert_cmpstr (sd_outbox_state_to_id (sd_outbox_entry_get_state (entry)), ==, parts[2]);
                    present = TRUE;
                  }
              }
            g_assert_true (present);
            done_total++;
          }

      /* If AWS has it, the journal has it: journalled before it left. */
      account = emu_account_state (account_id);
      cases = sd_json_get_array (account, "cases");
      for (guint i = 0; cases != NULL && i < json_array_get_length (cases); i++)
        {
          const char *subject = sd_json_get_string (json_array_get_object_element (cases, i), "subject");
          g_autoptr(GMatchInfo) match = NULL;

          if (subject != NULL && g_regex_match (reference_re, subject, 0, &match))
            {
              g_autofree char *reference = g_match_info_fetch (match, 1);

              if (g_hash_table_contains (seen, reference))
                continue;
              if (!g_hash_table_contains (journal_refs, reference))
                g_error ("kill %u: AWS has case %s, the journal does not", trial, reference);
            }
        }

      /* Reconcile, then send again what is offered: each exactly once at AWS. */
      sd_outbox_reconcile_async (outbox, NULL, NULL, emu_on_result, NULL);
      result = emu_wait_result ();
      g_assert_cmpuint (sd_outbox_reconcile_finish (outbox, result, &error), ==, 0);
      wait_outbox_idle (outbox, 30000);
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, i);

          if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_FAILED)
            {
              g_assert_cmpuint (emu_count_cases (account_id, sd_outbox_entry_get_reference (entry)), ==, 0);
              g_assert_true (send_again_and_wait (outbox, entry, &error));
              g_assert_no_error (error);
              wait_outbox_idle (outbox, 30000);
              resent_total++;
            }
          g_assert_cmpint (sd_outbox_entry_get_state (entry), ==, SD_OUTBOX_STATE_CONFIRMED);
          g_assert_cmpuint (emu_count_cases (account_id, sd_outbox_entry_get_reference (entry)), ==, 1);
          g_hash_table_add (seen, g_strdup (sd_outbox_entry_get_reference (entry)));
          confirmed_total++;
        }
      uncertain_total += uncertain;
      g_test_message ("kill %2u after %4u ms (%s): %u entries, %u uncertain at start", trial, ms,
                      variants[variant], g_list_model_get_n_items (entries), uncertain);
      g_clear_object (&outbox);
      remove_tree (dir);
    }
  printf ("# kill while sending: %u kills, %u sends acknowledged and found, %u entries left mid-send and "
          "reconciled, %u sent again, %u requests each at AWS exactly once\n", trials, done_total,
          uncertain_total, resent_total, confirmed_total);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && g_str_equal (argv[1], "--child-type"))
    return child_type (argv[2], argv[3]);
  if (argc >= 3 && g_str_equal (argv[1], "--child-send"))
    return child_send (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kill/while-typing", test_kill_while_typing);
  g_test_add_func ("/kill/while-sending", test_kill_while_sending);

  return g_test_run ();
}
