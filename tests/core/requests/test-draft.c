/* test-draft.c — drafts and the outbox journal on disk, without the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "sd-aws-json.h"
#include "sd-draft-store.h"
#include "sd-state-file.h"
#include "sd-outbox.h"

/* Auxiliary functions */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sd-requests-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

typedef struct {
  guint  saves;
  gint64 last_save;
} SaveCount;

static void
on_saved (SdDraftStore *store,
          SdRequest    *request,
          gpointer      user_data)
{
  SaveCount *count = user_data;

  count->saves++;
  count->last_save = g_get_monotonic_time ();
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

/* Tests */

static void
test_save_and_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *drafts_dir = g_build_filename (dir, "state", "drafts", NULL);
  g_autoptr(SdDraftStore) store = sd_draft_store_new (drafts_dir);
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_SENDING_LIMITS);
  g_autoptr(SdRequest) back = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  sd_request_set_use_case (request, "日本語の説明\nsecond line");
  sd_request_set_limit_value (request, "12345");
  g_assert_true (sd_draft_store_save (store, request, &error));
  g_assert_no_error (error);

  name = g_strconcat (sd_request_get_id (request), ".json", NULL);
  path = g_build_filename (drafts_dir, name, NULL);
  /* Private: the draft may hold e-mail addresses and business details. */
  g_assert_cmphex (file_mode (path), ==, 0600);
  g_assert_cmphex (file_mode (drafts_dir), ==, 0700);

  back = sd_draft_store_load (store, sd_request_get_id (request), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_request_get_use_case (back), ==, "日本語の説明\nsecond line");
  g_assert_cmpstr (sd_request_get_limit_value (back), ==, "12345");

  all = sd_draft_store_load_all (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  g_assert_true (sd_draft_store_discard (store, sd_request_get_id (request), &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sd_draft_store_load_all (store, NULL, &error);
  g_assert_cmpuint (all->len, ==, 0);

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_saved_within_a_second (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SdDraftStore) store = sd_draft_store_new (dir);
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_DEDICATED_IPS);
  SaveCount count = { 0, 0 };
  GString *typed = g_string_new (NULL);
  gint64 last_change;
  gint64 first_unsaved = 0;
  gint64 worst_gap = 0;
  gint64 worst_lateness = 0;
  g_autoptr(SdRequest) back = NULL;

  g_signal_connect (store, "saved", G_CALLBACK (on_saved), &count);
  sd_draft_store_track (store, request);
  g_assert_cmpuint (count.saves, ==, 1);   /* saved once when tracked */

  /* A single change: saved after the quiet time, well within a second. */
  sd_request_set_website_url (request, "https://example.com");
  last_change = g_get_monotonic_time ();
  run_for (1100);
  g_assert_cmpuint (count.saves, ==, 2);
  g_assert_cmpint (count.last_save - last_change, <=, 1000 * 1000);
  g_assert_cmpint (count.last_save - last_change, >=, 400 * 1000);

  /* Steady typing, a key every 80 ms for 3 s: never more than a second unsaved. */
  count.saves = 0;
  for (guint i = 0; i < 37; i++)
    {
      guint before = count.saves;
      gint64 started;

      g_string_append_c (typed, 'a' + i % 26);
      sd_request_set_use_case (request, typed->str);

      if (first_unsaved == 0)
        first_unsaved = g_get_monotonic_time ();
      started = g_get_monotonic_time ();
      run_for (80);
      /* How late the main loop ran on a loaded machine: the store's own
       * timers run that much late too, which is not the store's doing. */
      worst_lateness = MAX (worst_lateness, g_get_monotonic_time () - started - 80 * 1000);
      if (count.saves > before)
        {
          worst_gap = MAX (worst_gap, count.last_save - first_unsaved);
          first_unsaved = 0;
        }
    }
  run_for (1100);
  g_assert_cmpuint (count.saves, >=, 3);
  g_test_message ("steady typing: %u saves, longest unsaved %" G_GINT64_FORMAT " ms", count.saves,
                  worst_gap / 1000);
  /* Never more than a second unsaved, even while typing without a pause
   * (give or take the main loop's own lateness on a loaded machine). */
  g_assert_cmpint (worst_gap, <=, 1000 * 1000 + worst_lateness);

  back = sd_draft_store_load (store, sd_request_get_id (request), NULL);
  g_assert_cmpstr (sd_request_get_use_case (back), ==, typed->str);
  g_string_free (typed, TRUE);
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_broken_and_leftovers (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SdDraftStore) store = sd_draft_store_new (dir);
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_RELEASE_IPS);
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *bad_name = g_strconcat (uuid, ".json", NULL);
  g_autofree char *bad = g_build_filename (dir, bad_name, NULL);
  g_autofree char *leftover = g_build_filename (dir, ".sd-tmp-x.json.ABC123", NULL);
  g_autofree char *stranger = g_build_filename (dir, "notes.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_draft_store_save (store, request, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"kind\": \"release-ips\", \"use_case\": \"cut sh", -1, NULL));
  g_assert_true (g_file_set_contents (leftover, "{", -1, NULL));
  g_assert_true (g_file_set_contents (stranger, "{}", -1, NULL));

  all = sd_draft_store_load_all (store, broken, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpuint (broken->len, ==, 1);
  /* Kept aside for the user, never deleted. */
  g_assert_true (g_str_has_suffix (g_ptr_array_index (broken, 0), ".broken"));
  g_assert_true (g_file_test (g_ptr_array_index (broken, 0), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stranger, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_atomic_write_replaces_whole (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "file.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unwritable = g_build_filename (dir, "ro", NULL);
  g_autofree char *inside = g_build_filename (unwritable, "file.json", NULL);
  gint64 start;
  gint64 total = 0;

  g_assert_true (sd_state_file_write_atomic (path, "old", 3, &error));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    g_assert_true (sd_state_file_write_atomic (path, "new contents", 12, &error));
  total = g_get_monotonic_time () - start;
  g_test_message ("atomic write with fsync of file and folder: %.2f ms each", total / 50.0 / 1000.0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "new contents");
  g_assert_cmphex (file_mode (path), ==, 0600);

  /* A folder that cannot be written: an error, and the old file untouched. */
  g_assert_cmpint (g_mkdir (unwritable, 0500), ==, 0);
  if (g_access (unwritable, W_OK) == 0)
    g_test_message ("running as root: the unwritable folder case is not meaningful here");
  else
    {
      g_assert_false (sd_state_file_write_atomic (inside, "x", 1, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  g_chmod (unwritable, 0700);
  remove_tree (dir);
}

static void
write_journal (const char *dir,
               const char *json)
{
  g_autofree char *path = g_build_filename (dir, "outbox.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

static SdOutboxEntry *
entry_at (SdOutbox *outbox,
          guint     position)
{
  SdOutboxEntry *entry = g_list_model_get_item (sd_outbox_get_entries (outbox), position);

  g_object_unref (entry);   /* the store keeps it */
  return entry;
}

static void
test_journal_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  g_autoptr(SdOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRequest) request = sd_request_new (SD_REQUEST_KIND_DEDICATED_IPS);
  g_autoptr(JsonObject) snapshot = sd_request_to_json (request);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *snapshot_text = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *written = NULL;
  g_autofree char *path = g_build_filename (dir, "outbox.json", NULL);

  json_node_set_object (node, snapshot);
  snapshot_text = json_to_string (node, FALSE);
  journal = g_strdup_printf (
    "{\"version\": 1, \"entries\": ["
    " {\"id\": \"a\", \"reference\": \"SD-AAAAAA\", \"region\": \"eu-west-1\", \"kind\": \"dedicated-ips\","
    "  \"route\": \"support-case\", \"state\": \"pending\", \"request\": %s},"
    " {\"id\": \"b\", \"reference\": \"SD-BBBBBB\", \"region\": \"eu-west-1\", \"kind\": \"dedicated-ips\","
    "  \"route\": \"support-case\", \"state\": \"sending\", \"sent_at\": 1700000000, \"attempts\": 1, \"request\": %s},"
    " {\"id\": \"c\", \"reference\": \"SD-CCCCCC\", \"region\": \"eu-west-1\", \"kind\": \"dedicated-ips\","
    "  \"route\": \"support-case\", \"state\": \"confirmed\", \"case_id\": \"case-1\", \"request\": %s},"
    " {\"id\": \"d\", \"reference\": \"SD-DDDDDD\", \"region\": \"eu-west-1\", \"kind\": \"mystery\", \"request\": %s},"
    " 42"
    "]}", snapshot_text, snapshot_text, snapshot_text, snapshot_text);
  write_journal (dir, journal);

  outbox = sd_outbox_new (client, dir, &error);
  g_assert_no_error (error);
  /* The unknown kind and the non-object are dropped; nothing else is lost. */
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (outbox)), ==, 3);
  /* Pending never left: failed, may be sent again. Sending: uncertain until reconciled. */
  g_assert_cmpint (sd_outbox_entry_get_state (entry_at (outbox, 0)), ==, SD_OUTBOX_STATE_FAILED);
  g_assert_true (sd_outbox_entry_get_can_send_again (entry_at (outbox, 0)));
  g_assert_cmpint (sd_outbox_entry_get_state (entry_at (outbox, 1)), ==, SD_OUTBOX_STATE_UNCERTAIN);
  g_assert_false (sd_outbox_entry_get_can_send_again (entry_at (outbox, 1)));
  g_assert_cmpint (sd_outbox_entry_get_state (entry_at (outbox, 2)), ==, SD_OUTBOX_STATE_CONFIRMED);
  g_assert_cmpstr (sd_outbox_entry_get_case_id (entry_at (outbox, 2)), ==, "case-1");

  /* The conversions are on disk at once. */
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"uncertain\""));
  g_assert_null (strstr (written, "\"pending\""));
  g_assert_cmphex (file_mode (path), ==, 0600);

  /* An uncertain entry is never dismissed. */
  g_assert_false (sd_outbox_dismiss (outbox, entry_at (outbox, 1), &error));
  g_assert_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (sd_outbox_dismiss (outbox, entry_at (outbox, 2), &error));
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (outbox)), ==, 2);

  g_clear_object (&outbox);
  remove_tree (dir);
}

static void
test_journal_broken_kept_aside (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  g_autoptr(SdOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;
  gboolean aside = FALSE;

  write_journal (dir, "{\"version\": 1, \"entries\": [{\"id\": ");
  outbox = sd_outbox_new (client, dir, &error);
  g_assert_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_JOURNAL);
  g_assert_nonnull (outbox);
  g_assert_cmpuint (g_list_model_get_n_items (sd_outbox_get_entries (outbox)), ==, 0);
  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    aside |= g_str_has_prefix (name, "outbox.json.broken-");
  g_assert_true (aside);

  g_clear_object (&outbox);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft/save-and-load", test_save_and_load);
  g_test_add_func ("/draft/saved-within-a-second", test_saved_within_a_second);
  g_test_add_func ("/draft/broken-and-leftovers", test_broken_and_leftovers);
  g_test_add_func ("/draft/atomic-write", test_atomic_write_replaces_whole);
  g_test_add_func ("/outbox/journal-load", test_journal_load);
  g_test_add_func ("/outbox/journal-broken-kept-aside", test_journal_broken_kept_aside);

  return g_test_run ();
}
