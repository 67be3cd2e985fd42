/* test-fleet.c — the accounts × regions model of the overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sd-aws-error.h"
#include "sd-fleet.h"

/* Auxiliary functions */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A region of @profile (named @name) loaded with GetAccount's @account_json. */
static SdRegionStatus *
region (const char *profile,
        const char *name,
        const char *region_code,
        const char *account_json)
{
  SdRegionStatus *status = sd_region_status_new (profile, region_code);

  sd_region_status_set_account (status, name, NULL);
  if (account_json != NULL)
    {
      g_autoptr(JsonObject) account = parse_object (account_json);
      sd_region_status_apply (status, account, NULL, NULL, 100);
    }
  return status;
}

#define SANDBOX "{\"ProductionAccessEnabled\": false, \"SendingEnabled\": true," \
                " \"SendQuota\": {\"Max24HourSend\": 200, \"MaxSendRate\": 1, \"SentLast24Hours\": 0}}"
#define SANDBOX_SENDING "{\"ProductionAccessEnabled\": false, \"SendingEnabled\": true," \
                " \"SendQuota\": {\"Max24HourSend\": 200, \"MaxSendRate\": 1, \"SentLast24Hours\": 12}}"
#define PRODUCTION "{\"ProductionAccessEnabled\": true, \"SendingEnabled\": true, \"EnforcementStatus\": \"HEALTHY\"," \
                   " \"SendQuota\": {\"Max24HourSend\": 50000, \"MaxSendRate\": 14, \"SentLast24Hours\": 0}}"
#define PAUSED "{\"ProductionAccessEnabled\": true, \"SendingEnabled\": false, \"EnforcementStatus\": \"SHUTDOWN\"," \
               " \"SendQuota\": {\"Max24HourSend\": 50000, \"MaxSendRate\": 14, \"SentLast24Hours\": 0}}"
#define PENDING "{\"ProductionAccessEnabled\": false, \"SendingEnabled\": true," \
                " \"Details\": {\"ReviewDetails\": {\"Status\": \"PENDING\", \"CaseId\": \"c\"}}," \
                " \"SendQuota\": {\"Max24HourSend\": 200, \"MaxSendRate\": 1, \"SentLast24Hours\": 0}}"

static GListStore *
fleet_store (void)
{
  GListStore *store = g_list_store_new (SD_TYPE_REGION_STATUS);
  SdRegionStatus *items[] = {
    /* zulu: production in us-east-1 */
    region ("z", "zulu", "eu-west-1", SANDBOX),
    region ("z", "zulu", "us-east-1", PRODUCTION),
    region ("z", "zulu", "us-west-2", SANDBOX),
    /* alpha: all sandbox, mail sent in us-west-2 */
    region ("a", "alpha", "eu-west-1", SANDBOX),
    region ("a", "alpha", "us-east-1", SANDBOX),
    region ("a", "alpha", "us-west-2", SANDBOX_SENDING),
    /* mike: paused in eu-west-1 */
    region ("m", "mike", "eu-west-1", PAUSED),
    region ("m", "mike", "us-east-1", SANDBOX),
    /* bravo: a review under way, no us-west-2 */
    region ("b", "bravo", "eu-west-1", PENDING),
    region ("b", "bravo", "us-east-1", SANDBOX),
    /* papa: ap-south-1 only, which nobody uses */
    region ("p", "papa", "ap-south-1", SANDBOX),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_list_store_append (store, items[i]);
      g_object_unref (items[i]);
    }
  return store;
}

static char *
row_names (SdFleet *fleet)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < sd_fleet_get_n_accounts (fleet); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "", sd_fleet_get_account_name (fleet, i));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
count_changed (SdFleet *fleet,
               guint   *n)
{
  (*n)++;
}

/* Tests */

static void
test_rows_and_cells (void)
{
  g_autoptr(GListStore) store = fleet_store ();
  g_autoptr(SdFleet) fleet = sd_fleet_new (G_LIST_MODEL (store));
  g_autofree char *names = row_names (fleet);
  int bravo;

  g_assert_cmpuint (sd_fleet_get_n_accounts (fleet), ==, 5);
  g_assert_cmpstr (names, ==, "alpha bravo mike papa zulu");
  g_assert_cmpint (sd_fleet_get_sort (fleet), ==, SD_FLEET_SORT_NAME);

  bravo = sd_fleet_find_account (fleet, "b");
  g_assert_cmpint (bravo, ==, 1);
  g_assert_cmpstr (sd_fleet_get_account_key (fleet, bravo), ==, "b");
  g_assert_cmpint (sd_region_status_get_state (sd_fleet_get_cell (fleet, bravo, "eu-west-1")), ==,
                   SD_SANDBOX_STATE_PENDING);
  /* No such region for that account: no cell. */
  g_assert_null (sd_fleet_get_cell (fleet, bravo, "us-west-2"));
  g_assert_null (sd_fleet_get_cell (fleet, bravo, "ap-south-1"));
  g_assert_cmpint (sd_fleet_find_account (fleet, "nobody"), ==, -1);
}

static void
test_columns (void)
{
  g_autoptr(GListStore) store = fleet_store ();
  g_autoptr(SdFleet) fleet = sd_fleet_new (G_LIST_MODEL (store));
  const char * const *all = sd_fleet_get_regions (fleet, TRUE);
  const char * const *active = sd_fleet_get_regions (fleet, FALSE);
  g_autofree char *all_text = g_strjoinv (" ", (char **) all);
  g_autofree char *active_text = g_strjoinv (" ", (char **) active);

  /* Every region in the model's order; by default only those where an
   * account does something: production (zulu's us-east-1 and mike's paused
   * eu-west-1), a review (bravo's eu-west-1), mail sent (alpha's us-west-2). */
  g_assert_cmpstr (all_text, ==, "eu-west-1 us-east-1 us-west-2 ap-south-1");
  g_assert_cmpstr (active_text, ==, "eu-west-1 us-east-1 us-west-2");
}

static void
test_sort_worst (void)
{
  g_autoptr(GListStore) store = fleet_store ();
  g_autoptr(SdFleet) fleet = sd_fleet_new (G_LIST_MODEL (store));
  g_autoptr(GError) error = g_error_new_literal (SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED, "denied");
  g_autofree char *worst = NULL;
  g_autofree char *failed_first = NULL;
  g_autofree char *by_name = NULL;
  g_autoptr(SdRegionStatus) papa = NULL;
  guint changed = 0;

  g_signal_connect (fleet, "changed", G_CALLBACK (count_changed), &changed);
  sd_fleet_sort (fleet, SD_FLEET_SORT_WORST);
  g_assert_cmpuint (changed, ==, 1);
  /* Paused (a health level) before a review under way before the sandbox;
   * accounts as bad as each other by name. */
  worst = row_names (fleet);
  g_assert_cmpstr (worst, ==, "mike bravo alpha papa zulu");
  g_assert_cmpuint (sd_fleet_get_severity (sd_fleet_get_cell (fleet, 0, "eu-west-1")), >,
                    sd_fleet_get_severity (sd_fleet_get_cell (fleet, 1, "eu-west-1")));

  /* A region that failed is worse than any state; the fleet follows its
   * regions' changes, told once from an idle. */
  papa = g_list_model_get_item (G_LIST_MODEL (store), 10);
  sd_region_status_set_error (papa, error);
  sd_region_status_set_loading (papa, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changed, ==, 2);
  failed_first = row_names (fleet);
  g_assert_cmpstr (failed_first, ==, "papa mike bravo alpha zulu");

  sd_fleet_sort (fleet, SD_FLEET_SORT_NAME);
  by_name = row_names (fleet);
  g_assert_cmpstr (by_name, ==, "alpha bravo mike papa zulu");
}

/* A region whose state changes moves its account and may add its column,
 * the rows themselves staying what they were. */
static void
test_state_changes (void)
{
  g_autoptr(GListStore) store = fleet_store ();
  g_autoptr(SdFleet) fleet = sd_fleet_new (G_LIST_MODEL (store));
  g_autoptr(SdRegionStatus) papa = g_list_model_get_item (G_LIST_MODEL (store), 10);
  g_autoptr(JsonObject) production = parse_object (PRODUCTION);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  guint changed = 0;

  sd_fleet_sort (fleet, SD_FLEET_SORT_WORST);
  before = g_strjoinv (" ", (char **) sd_fleet_get_regions (fleet, FALSE));
  g_assert_cmpstr (before, ==, "eu-west-1 us-east-1 us-west-2");
  g_assert_cmpint (sd_fleet_find_account (fleet, "p"), ==, 3);
  g_signal_connect (fleet, "changed", G_CALLBACK (count_changed), &changed);

  sd_region_status_apply (papa, production, NULL, NULL, 200);
  sd_region_status_set_loading (papa, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changed, ==, 1);
  /* Production in ap-south-1: a column now, and papa the best account. */
  after = g_strjoinv (" ", (char **) sd_fleet_get_regions (fleet, FALSE));
  g_assert_cmpstr (after, ==, "eu-west-1 us-east-1 us-west-2 ap-south-1");
  order = row_names (fleet);
  g_assert_cmpstr (order, ==, "mike bravo alpha zulu papa");
  g_assert_true (sd_fleet_get_cell (fleet, 4, "ap-south-1") == papa);
}

static void
test_model_changes (void)
{
  g_autoptr(GListStore) store = fleet_store ();
  g_autoptr(SdFleet) fleet = sd_fleet_new (G_LIST_MODEL (store));
  g_autoptr(SdRegionStatus) extra = region ("c", "charlie", "eu-west-1", SANDBOX);
  g_autofree char *regions = NULL;
  guint changed = 0;

  g_assert_cmpuint (sd_fleet_get_n_accounts (fleet), ==, 5);
  g_signal_connect (fleet, "changed", G_CALLBACK (count_changed), &changed);
  g_list_store_append (store, extra);
  g_list_store_remove (store, 10);  /* papa */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Two changes of the model, one signal. */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (sd_fleet_get_n_accounts (fleet), ==, 5);
  g_assert_cmpint (sd_fleet_find_account (fleet, "c"), ==, 2);
  g_assert_cmpint (sd_fleet_find_account (fleet, "p"), ==, -1);
  regions = g_strjoinv (" ", (char **) sd_fleet_get_regions (fleet, TRUE));
  g_assert_cmpstr (regions, ==, "eu-west-1 us-east-1 us-west-2");

  g_list_store_remove_all (store);
  g_assert_cmpuint (sd_fleet_get_n_accounts (fleet), ==, 0);
  g_assert_null (sd_fleet_get_regions (fleet, TRUE)[0]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fleet/rows-and-cells", test_rows_and_cells);
  g_test_add_func ("/fleet/columns", test_columns);
  g_test_add_func ("/fleet/sort-worst", test_sort_worst);
  g_test_add_func ("/fleet/model-changes", test_model_changes);
  g_test_add_func ("/fleet/state-changes", test_state_changes);

  return g_test_run ();
}
