/* sd-aws-pages.c — following an operation's pages to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-json.h"
#include "sd-aws-pages.h"

void
sd_aws_pages_init (SdAwsPages *pages,
                   guint       max_pages)
{
  pages->token = NULL;
  pages->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pages->n_pages = 0;
  pages->max_pages = max_pages;
}

void
sd_aws_pages_clear (SdAwsPages *pages)
{
  g_clear_pointer (&pages->token, g_free);
  g_clear_pointer (&pages->seen, g_hash_table_unref);
}

void
sd_aws_pages_apply (SdAwsPages *pages,
                    JsonObject *input,
                    const char *member)
{
  if (pages->token != NULL)
    json_object_set_string_member (input, member, pages->token);
}

gboolean
sd_aws_pages_next (SdAwsPages *pages,
                   JsonObject *answer,
                   const char *member)
{
  const char *next = sd_json_get_string (answer, member);

  pages->n_pages++;
  g_clear_pointer (&pages->token, g_free);
  if (next == NULL || next[0] == '\0' || g_hash_table_contains (pages->seen, next) ||
      pages->n_pages >= pages->max_pages)
    return FALSE;
  g_hash_table_add (pages->seen, g_strdup (next));
  pages->token = g_strdup (next);
  return TRUE;
}

guint
sd_aws_pages_collect (JsonArray  *into,
                      JsonObject *answer,
                      const char *member)
{
  JsonArray *items = sd_json_get_array (answer, member);
  guint n = 0;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          json_array_add_object_element (into, json_object_ref (json_node_get_object (node)));
          n++;
        }
    }
  return n;
}
