/* sd-organizations.c — AWS Organizations: the accounts of an organization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON 1.1, X-Amz-Target AWSOrganizationsV20161128.ListAccounts, one
 * endpoint per partition (docs/aws.md, Organizations). ListAccounts pages by
 * NextToken; MaxResults is 1–20.
 */
#include "config.h"

#include "sd-aws-json.h"
#include "sd-aws-pages.h"
#include "sd-organizations.h"

/* An organization has at most a few thousand accounts: 20 a page. */
#define MAX_PAGES 1000

typedef struct {
  char       *profile;
  guint       page_size;
  SdAwsPages  pages;
  GPtrArray  *accounts;  /* SdOrganizationsAccount */
} ListState;

static void list_next_page (GTask *task);

/* Auxiliary functions */

static void
list_state_free (ListState *state)
{
  g_free (state->profile);
  sd_aws_pages_clear (&state->pages);
  g_ptr_array_unref (state->accounts);
  g_free (state);
}

static SdOrganizationsAccount *
account_from_json (JsonObject *object)
{
  SdOrganizationsAccount *account;
  const char *id = sd_json_get_string (object, "Id");
  const char *state = sd_json_get_string (object, "State");

  if (id == NULL)
    return NULL;
  account = g_new0 (SdOrganizationsAccount, 1);
  account->id = g_strdup (id);
  account->arn = g_strdup (sd_json_get_string (object, "Arn"));
  account->name = g_strdup (sd_json_get_string (object, "Name"));
  account->email = g_strdup (sd_json_get_string (object, "Email"));
  /* State replaces the older Status (which has no SUSPENDED closing states of its own). */
  account->state = g_strdup (state != NULL ? state : sd_json_get_string (object, "Status"));
  return account;
}

/* Callbacks */

static void
on_list_accounts (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ListState *state = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_aws_client_send_finish (SD_AWS_CLIENT (source), result, &error);
  g_autoptr(JsonArray) accounts = json_array_new ();

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  sd_aws_pages_collect (accounts, answer, "Accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      SdOrganizationsAccount *account = account_from_json (sd_json_array_get_object (accounts, i));

      if (account != NULL)
        g_ptr_array_add (state->accounts, account);
    }
  if (sd_aws_pages_next (&state->pages, answer, "NextToken"))
    {
      list_next_page (task);
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (state->accounts), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
list_next_page (GTask *task)
{
  ListState *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = json_object_new ();

  if (state->page_size > 0)
    json_object_set_int_member (input, "MaxResults", state->page_size);
  sd_aws_pages_apply (&state->pages, input, "NextToken");
  /* NULL region: the client signs a global service for its partition's region. */
  sd_aws_client_send_json_async (g_task_get_source_object (task), &sd_aws_service_organizations,
                                 "ListAccounts", state->profile, NULL, FALSE, input,
                                 g_task_get_cancellable (task), on_list_accounts, task);
}

/* Public API */

void
sd_organizations_account_free (SdOrganizationsAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->arn);
  g_free (account->name);
  g_free (account->email);
  g_free (account->state);
  g_free (account);
}

void
sd_organizations_list_accounts_async (SdAwsClient         *client,
                                      const char          *profile,
                                      guint                page_size,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  ListState *state;

  g_return_if_fail (SD_IS_AWS_CLIENT (client));
  g_return_if_fail (page_size <= 20);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_organizations_list_accounts_async);
  state = g_new0 (ListState, 1);
  state->profile = g_strdup (profile);
  state->page_size = page_size;
  state->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_organizations_account_free);
  sd_aws_pages_init (&state->pages, MAX_PAGES);
  g_task_set_task_data (task, state, (GDestroyNotify) list_state_free);
  list_next_page (task);
}

GPtrArray *
sd_organizations_list_accounts_finish (SdAwsClient   *client,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
