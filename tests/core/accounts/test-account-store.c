/* test-account-store.c — accounts added in the app, in a real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/core/accounts/with-keyring: a private session bus and GNOME Keyring.
 */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "sd-account-store.h"

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static gboolean
add_account (SdAccountStore  *store,
             const char      *profile,
             const char      *region,
             const char      *key,
             const char      *secret,
             GError         **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean ok;

  sd_account_store_add_async (store, profile, region, key, secret, NULL, on_ready, &wait);
  ok = sd_account_store_add_finish (store, wait_for (&wait), error);
  g_object_unref (wait.result);
  g_main_loop_unref (wait.loop);
  return ok;
}

static gboolean
load_store (SdAccountStore  *store,
            GError         **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean ok;

  sd_account_store_load_async (store, NULL, on_ready, &wait);
  ok = sd_account_store_load_finish (store, wait_for (&wait), error);
  g_object_unref (wait.result);
  g_main_loop_unref (wait.loop);
  return ok;
}

static gboolean
remove_account (SdAccountStore  *store,
                const char      *profile,
                GError         **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean ok;

  sd_account_store_remove_async (store, profile, NULL, on_ready, &wait);
  ok = sd_account_store_remove_finish (store, wait_for (&wait), error);
  g_object_unref (wait.result);
  g_main_loop_unref (wait.loop);
  return ok;
}

static void
test_add_load_remove (void)
{
  g_autoptr(SdAccountStore) store = sd_account_store_new ();
  g_autoptr(SdAccountStore) again = sd_account_store_new ();
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(SdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (load_store (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_account_store_get_accounts (store)), ==, 0);

  g_assert_true (add_account (store, "zeta-corp", "eu-west-1", "AKIAZZZZZZZZZZZZZZZZ",
                              "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", &error));
  g_assert_no_error (error);
  g_assert_true (add_account (store, "acme", "ap-northeast-1", "AKIAIOSFODNN7EXAMPLE",
                              "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", &error));
  g_assert_no_error (error);

  /* A second store reads them back from the keyring, sorted by name. */
  g_assert_true (load_store (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_account_store_get_accounts (again)), ==, 2);
  account = g_list_model_get_item (sd_account_store_get_accounts (again), 0);
  g_assert_cmpstr (sd_account_get_profile (account), ==, "acme");
  g_assert_cmpstr (sd_account_get_region (account), ==, "ap-northeast-1");
  g_assert_cmpint (sd_account_get_source (account), ==, SD_ACCOUNT_SOURCE_ADDED);
  credentials = sd_account_store_get_credentials (again, "acme");
  g_assert_nonnull (credentials);
  g_assert_cmpstr (sd_aws_credentials_get_access_key_id (credentials), ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpstr (sd_aws_credentials_get_secret_access_key (credentials), ==,
                   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  g_assert_null (sd_account_store_get_credentials (again, "nobody"));

  /* The same name twice is refused. */
  g_assert_false (add_account (again, "acme", "us-east-1", "AKIAIOSFODNN7EXAMPLE",
                               "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", &error));
  g_assert_error (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (remove_account (again, "acme", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_account_store_get_accounts (again)), ==, 1);
  g_assert_null (sd_account_store_get_credentials (again, "acme"));

  g_assert_true (load_store (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (sd_account_store_get_accounts (store)), ==, 1);
  g_assert_true (remove_account (store, "zeta-corp", &error));
}

static void
test_secret_not_in_attributes (void)
{
  g_autoptr(SdAccountStore) store = sd_account_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;

  g_assert_true (add_account (store, "attr-check", "us-west-2", "AKIAATTRCHECK0000000",
                              "SECRETSECRETSECRETSECRETSECRETSECRET0000", &error));
  g_assert_no_error (error);

  /* Whatever reads the item's attributes (unencrypted) sees no key. */
  g_hash_table_insert (query, "profile", "attr-check");
  items = secret_service_search_sync (NULL, NULL, query, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  {
    g_autoptr(GHashTable) attributes = secret_item_get_attributes (items->data);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, attributes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_assert_null (strstr (value, "SECRETSECRET"));
        g_assert_null (strstr (value, "AKIAATTRCHECK"));
      }
  }
  g_list_free_full (items, g_object_unref);
  g_assert_true (remove_account (store, "attr-check", &error));
}

static void
test_validation (void)
{
  const struct {
    const char *profile, *region, *key, *secret;
    int code;
  } cases[] = {
    { "", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_NAME },
    { "has space", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_NAME },
    { "[bad]", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_NAME },
    { "ok", "moon-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_REGION },
    { "ok", "us-east-1", "akiaiosfodnn7example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_KEY },
    { "ok", "us-east-1", "AKIA", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_KEY },
    { "ok", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "short", SD_ACCOUNT_STORE_ERROR_INVALID_KEY },
    { "ok", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY", SD_ACCOUNT_STORE_ERROR_INVALID_KEY },
    { "ok.team@corp", "us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sd_account_store_validate (cases[i].profile, cases[i].region,
                                               cases[i].key, cases[i].secret, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SD_ACCOUNT_STORE_ERROR, cases[i].code);
          /* The message never repeats the secret. */
          g_assert_null (strstr (error->message, cases[i].secret));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account-store/validation", test_validation);
  g_test_add_func ("/account-store/add-load-remove", test_add_load_remove);
  g_test_add_func ("/account-store/secret-not-in-attributes", test_secret_not_in_attributes);

  return g_test_run ();
}
