/* fuzz-support-parsers.c — libFuzzer target: Support and SESv2 answers into models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is an answer body. It is read as every answer the models take:
 * DescribeCases (the case list), DescribeCommunications (a thread), a case's
 * CaseDetails, DescribeAttachment, GetAccount (a region's status and its
 * review case) and a quota change history. Nothing may crash, and what the
 * models show must stay consistent.
 */
#include "config.h"

#include <string.h>

#include "sd-aws-json.h"
#include "sd-case-cache.h"
#include "sd-case-list.h"
#include "sd-case-list-known.h"
#include "sd-case-thread.h"
#include "sd-region-status.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static SdAwsClient *client;
static SdCaseCache *cache;

static void
use_case (SdCase *case_)
{
  g_autofree char *url = sd_case_dup_support_center_url (case_, NULL);

  if (sd_case_get_case_id (case_) == NULL || sd_case_get_label_id (case_) == NULL || url == NULL)
    g_error ("a case without an id");
  sd_case_matches (case_, "ses 日本", SD_CASE_FILTER_OPEN);
  sd_case_status_to_label (sd_case_get_status (case_));
}

static void
read_as_list (JsonObject *answer)
{
  g_autoptr(SdCaseList) list = sd_case_list_new (client, "fuzz", cache);
  JsonArray *cases = sd_json_get_array (answer, "cases");
  GListModel *model = G_LIST_MODEL (list);

  sd_case_list_add_known_case (list, "17000000001", SD_CASE_ORIGIN_REVIEW, "eu-west-1");
  sd_case_list_apply_cases (list, cases, TRUE);
  sd_case_list_set_include_resolved (list, TRUE);
  sd_case_list_set_search_text (list, "a");
  sd_case_list_set_search_text (list, NULL);
  if (g_list_model_get_n_items (model) > sd_case_list_get_n_total (list))
    g_error ("more cases shown than known");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCase) case_ = g_list_model_get_item (model, i);

      use_case (case_);
      if (i > 0)
        {
          g_autoptr(SdCase) before = g_list_model_get_item (model, i - 1);
          if (sd_case_compare (before, case_) > 0)
            g_error ("list out of order at %u", i);
        }
    }
  /* The same answer again, as a refresh: nothing may change. */
  sd_case_list_apply_cases (list, cases, TRUE);
}

static void
read_as_thread (JsonObject *answer)
{
  g_autoptr(SdCaseThread) thread = sd_case_thread_new (client, "fuzz", "case-fuzz", cache);
  JsonArray *messages = sd_json_get_array (answer, "communications");
  GListModel *model = G_LIST_MODEL (thread);

  sd_case_thread_apply_communications (thread, messages);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdCommunication) message = g_list_model_get_item (model, i);
      GListModel *attachments = sd_communication_get_attachments (message);

      if (sd_communication_get_body (message) == NULL || sd_communication_get_author_name (message) == NULL)
        g_error ("a message without body or author");
      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(SdCommunicationAttachment) attachment = g_list_model_get_item (attachments, j);
          const char *name = sd_communication_attachment_get_suggested_name (attachment);

          if (name[0] == '\0' || strchr (name, '/') != NULL)
            g_error ("unsafe attachment name");
        }
      if (i > 0)
        {
          g_autoptr(SdCommunication) before = g_list_model_get_item (model, i - 1);
          if (sd_communication_compare (before, message) > 0)
            g_error ("thread out of order at %u", i);
        }
    }
  sd_case_thread_set_order (thread, SD_THREAD_ORDER_NEWEST_FIRST);
  sd_case_thread_apply_communications (thread, messages);
}

static void
read_as_others (JsonObject *answer)
{
  g_autoptr(SdCase) case_ = sd_case_new_from_json (answer, NULL);
  g_autoptr(SdRegionStatus) status = sd_region_status_new ("fuzz", "eu-west-1");
  g_autoptr(GPtrArray) ips = g_ptr_array_new ();
  g_autoptr(GPtrArray) pools = g_ptr_array_new ();
  g_autofree char *review = sd_case_known_from_account (answer);
  g_auto(GStrv) quota_cases = sd_case_known_from_quota_history (answer);
  const char *attachment = sd_json_get_string (sd_json_get_object (answer, "attachment"), "data");
  g_autoptr(GBytes) bytes = NULL;

  if (case_ != NULL)
    use_case (case_);
  if (attachment != NULL)
    bytes = sd_case_thread_decode_base64 (attachment, 1024 * 1024);
  sd_region_status_apply (status, answer, ips, pools, 1700000000);
  g_ptr_array_unref (sd_region_status_compute_warnings (status));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (client == NULL)
    {
      /* Applying answers writes nothing: the folders are never made. */
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "sd-fuzz-unused", NULL);

      client = sd_aws_client_new (NULL);
      cache = sd_case_cache_new (dir, dir);
    }

  /* json-glib recurses: its own stack limit is not what is tested here
   * (the models get what a depth-checked parse gives them). */
  if (!sd_json_depth_ok ((const char *) data, size, SD_JSON_MAX_DEPTH))
    return 0;
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  read_as_list (json_node_get_object (root));
  read_as_thread (json_node_get_object (root));
  read_as_others (json_node_get_object (root));
  return 0;
}
