/* sd-aws-json.c — reading AWS answers without trusting their shapes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-json.h"

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           GType       type)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

const char *
sd_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

double
sd_json_get_double (JsonObject *object,
                    const char *member,
                    double      fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_DOUBLE);

  if (node == NULL)
    node = get_value (object, member, G_TYPE_INT64);
  return node != NULL ? json_node_get_double (node) : fallback;
}

gboolean
sd_json_get_boolean (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

JsonObject *
sd_json_array_get_object (JsonArray *array,
                          guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
sd_json_array_get_string (JsonArray *array,
                          guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
sd_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
sd_json_depth_ok (const char *data,
                  gsize       len,
                  guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

gboolean
sd_json_load (JsonParser *parser,
              const char *data,
              gsize       len)
{
  return sd_json_depth_ok (data, len, SD_JSON_MAX_DEPTH) &&
         json_parser_load_from_data (parser, data, len, NULL);
}

JsonArray *
sd_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

GDateTime *
sd_aws_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *copy = NULL;
  gsize n;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  n = strlen (copy);
  if (n == 0 || n > 64)
    return NULL;

  /* "…UTC" (older AWS CLI caches) and "2024-05-01 10:00:00" (hand-made
   * data) are ISO 8601 once written the standard way. */
  if (n > 3 && g_str_has_suffix (copy, "UTC"))
    {
      copy[n - 3] = 'Z';
      copy[n - 2] = '\0';
    }
  if (n > 10 && copy[10] == ' ')
    copy[10] = 'T';

  utc = g_time_zone_new_utc ();
  if (strlen (copy) == 10)
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00Z", NULL);
      return g_date_time_new_from_iso8601 (midnight, utc);
    }
  return g_date_time_new_from_iso8601 (copy, utc);
}

gboolean
sd_aws_parse_iso8601 (const char *text,
                      gint64     *unix_time)
{
  g_autoptr(GDateTime) time = sd_aws_parse_time (text);

  if (time == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}
