/* test-pages.c — following pages: to the end, never in a loop, never past the cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-json.h"
#include "sd-aws-pages.h"

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (sd_json_load (parser, text, strlen (text)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Plays a server: pages[i] is the answer to the i-th call. Returns the
 * number of calls made and what the inputs carried, joined by ",". */
static guint
follow (const char * const *answers,
        guint               n_answers,
        guint               max_pages,
        const char         *member,
        GString            *sent,
        JsonArray          *items)
{
  SdAwsPages pages;
  guint calls = 0;

  sd_aws_pages_init (&pages, max_pages);
  for (;;)
    {
      g_autoptr(JsonObject) input = json_object_new ();
      g_autoptr(JsonObject) answer = NULL;

      sd_aws_pages_apply (&pages, input, member);
      g_string_append_printf (sent, "%s%s", calls > 0 ? "," : "",
                              json_object_has_member (input, member)
                                ? json_object_get_string_member (input, member) : "-");
      g_assert_cmpuint (calls, <, n_answers);
      answer = parse (answers[calls++]);
      sd_aws_pages_collect (items, answer, "items");
      if (!sd_aws_pages_next (&pages, answer, member))
        break;
    }
  g_assert_null (pages.token);
  sd_aws_pages_clear (&pages);
  return calls;
}

static void
test_to_the_end (void)
{
  const char *answers[] = {
    "{\"items\": [{\"n\": 1}, {\"n\": 2}], \"nextToken\": \"a\"}",
    "{\"items\": [{\"n\": 3}, 7, \"x\", null], \"nextToken\": \"b\"}",
    "{\"items\": [{\"n\": 4}], \"nextToken\": \"\"}",
  };
  g_autoptr(GString) sent = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();

  g_assert_cmpuint (follow (answers, G_N_ELEMENTS (answers), 1000, "nextToken", sent, items), ==, 3);
  g_assert_cmpstr (sent->str, ==, "-,a,b");
  /* Only the objects, in order. */
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, i), "n"), ==, i + 1);
}

static void
test_repeated_token_stops (void)
{
  const char *answers[] = {
    "{\"items\": [], \"NextToken\": \"a\"}",
    "{\"items\": [], \"NextToken\": \"b\"}",
    "{\"items\": [], \"NextToken\": \"a\"}",
    "{\"items\": [], \"NextToken\": \"c\"}",
  };
  g_autoptr(GString) sent = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();

  g_assert_cmpuint (follow (answers, G_N_ELEMENTS (answers), 1000, "NextToken", sent, items), ==, 3);
  g_assert_cmpstr (sent->str, ==, "-,a,b");
}

static void
test_cap (void)
{
  const char *answers[] = {
    "{\"nextToken\": \"1\"}", "{\"nextToken\": \"2\"}", "{\"nextToken\": \"3\"}",
    "{\"nextToken\": \"4\"}",
  };
  g_autoptr(GString) sent = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();

  g_assert_cmpuint (follow (answers, G_N_ELEMENTS (answers), 2, "nextToken", sent, items), ==, 2);
  g_assert_cmpstr (sent->str, ==, "-,1");
}

static void
test_wrong_types (void)
{
  /* A token that is not a string ends the walk; so does an answer without one. */
  const char *answers[] = { "{\"items\": {\"n\": 1}, \"nextToken\": 5}" };
  g_autoptr(GString) sent = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();

  g_assert_cmpuint (follow (answers, G_N_ELEMENTS (answers), 1000, "nextToken", sent, items), ==, 1);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pages/to-the-end", test_to_the_end);
  g_test_add_func ("/pages/repeated-token-stops", test_repeated_token_stops);
  g_test_add_func ("/pages/cap", test_cap);
  g_test_add_func ("/pages/wrong-types", test_wrong_types);
  return g_test_run ();
}
