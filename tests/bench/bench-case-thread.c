/* bench-case-thread.c — a 2,000-message case thread: from its data arriving
 * to the model being ready, and the memory it takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar: a 2,000-message thread shown within 200 ms of its data
 * arriving, resident memory growing by under 50 MB. This measures the core
 * part (the UI's rows come on top): the 20 DescribeCommunications pages as
 * the client receives them (JSON text), parsed, gathered and turned into
 * the thread's GListModel of SdCommunication with every body sanitised and
 * its links found. Run under with-emulator it also times the whole load
 * over HTTP (DescribeCases + 20 pages) against the emulator.
 *
 * Prints the numbers and PASS/FAIL per bar, and a "bench-result" line per
 * number for build-aux/run-bench's report (docs/benchmarks.md); exits
 * non-zero only when it could not measure. SD_BENCH_SMOKE=1: 200 messages,
 * one round, no bar judged.
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libsoup/soup.h>

#include "sd-case-thread.h"

#define PAGE_SIZE 100
#define MAX_ROUNDS 7
#define BAR_MS 200.0
#define BAR_MB 50.0
#define BENCH_CASE "case-111111111111-2026-0000000000000bbb"

/* 2,000, or 200 in the smoke mode. */
static guint n_messages = 2000;
static guint rounds = MAX_ROUNDS;
static gboolean smoke;

/* Auxiliary functions */

static const char *
verdict (gboolean ok)
{
  return smoke ? "smoke" : ok ? "PASS" : "FAIL";
}

/* One number for the report: a line of JSON after "bench-result ". The
 * texts are this file's own (nothing to escape); @bar NULL: none. */
static void
print_result (const char *metric,
              double      value,
              const char *unit,
              const char *bar,
              gboolean    ok,
              gboolean    key)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.2f", value);
  g_print ("bench-result {\"metric\": \"%s\", \"value\": %s, \"unit\": \"%s\", "
           "\"bar\": %s%s%s, \"pass\": %s, \"anchor\": null%s}\n",
           metric, number, unit,
           bar != NULL ? "\"" : "", bar != NULL ? bar : "null", bar != NULL ? "\"" : "",
           bar == NULL || smoke ? "null" : ok ? "true" : "false",
           key ? ", \"key\": true" : "");
}

static double
rss_mb (void)
{
  g_autofree char *statm = NULL;
  long pages_total = 0;
  long pages_resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%ld %ld", &pages_total, &pages_resident) != 2)
    return -1;
  return pages_resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static const char *paragraphs[] = {
  "Thank you for contacting AWS Support. We have reviewed your request to increase the sending "
  "quota for Amazon SES in this Region. Before we can proceed, please describe how you build and "
  "maintain your recipient lists, how you handle bounces and complaints, and how recipients can "
  "unsubscribe. See https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html for details.",
  "Our dedicated IP addresses are warming up as described in the documentation; the warm-up "
  "percentage is currently 45%. We send transactional mail (order confirmations, receipts) and "
  "expect about 250,000 messages a day from three dedicated IPs spread over availability zones.",
  "お問い合わせいただきありがとうございます。専用 IP アドレスの追加申請について、ご利用目的と"
  "想定される送信量を確認させていただきました。詳細は https://aws.amazon.com/jp/ses/ をご覧ください。",
  "Please find the requested bounce and complaint statistics attached. Our complaint rate stayed "
  "below 0.05% over the last 30 days, and bounces are removed from the lists automatically by our "
  "SNS notification handler.",
};

/* The JSON text of page @page of DescribeCommunications (newest first). */
static char *
page_json (guint page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint first = n_messages - page * PAGE_SIZE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "communications");
  json_builder_begin_array (builder);
  for (guint i = first; i > first - PAGE_SIZE; i--)
    {
      g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 6, 1, 0, 0, 0);
      g_autoptr(GDateTime) when = g_date_time_add_minutes (base, i * 37);
      g_autofree char *time = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S.000Z");
      g_autofree char *body = g_strdup_printf ("Message %u.\n\n%s\n\n%s\n\nBest regards", i,
                                               paragraphs[i % G_N_ELEMENTS (paragraphs)],
                                               paragraphs[(i + 1) % G_N_ELEMENTS (paragraphs)]);
      gboolean aws = i % 2 == 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "caseId");
      json_builder_add_string_value (builder, BENCH_CASE);
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, body);
      json_builder_set_member_name (builder, "submittedBy");
      json_builder_add_string_value (builder, aws ? "Amazon Web Services"
                                                  : "sesdesk (IAM user) <ops@example.com>");
      json_builder_set_member_name (builder, "timeCreated");
      json_builder_add_string_value (builder, time);
      json_builder_set_member_name (builder, "attachmentSet");
      json_builder_begin_array (builder);
      if (i % 50 == 0)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "attachmentId");
          json_builder_add_string_value (builder, "attachment-0123456789abcdef");
          json_builder_set_member_name (builder, "fileName");
          json_builder_add_string_value (builder, "statistics.csv");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (page + 1 < n_messages / PAGE_SIZE)
    {
      json_builder_set_member_name (builder, "nextToken");
      json_builder_add_string_value (builder, "token");
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* What a load does once the pages' bytes are in: parse each page (as the
 * client does), gather the messages, build the model. */
static SdCaseThread *
build_thread (SdAwsClient *client,
              SdCaseCache *cache,
              GPtrArray   *pages,
              double      *parse_ms,
              double      *model_ms)
{
  SdCaseThread *thread = sd_case_thread_new (client, "bench", BENCH_CASE, cache);
  g_autoptr(JsonArray) all = json_array_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 parsed;

  for (guint p = 0; p < pages->len; p++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *text = g_ptr_array_index (pages, p);
      JsonArray *messages;

      if (!json_parser_load_from_data (parser, text, -1, NULL))
        g_error ("page %u is not JSON", p);
      messages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                               "communications");
      for (guint i = 0; i < json_array_get_length (messages); i++)
        json_array_add_element (all, json_node_ref (json_array_get_element (messages, i)));
    }
  parsed = g_get_monotonic_time ();
  sd_case_thread_apply_communications (thread, all);
  *parse_ms = (parsed - start) / 1000.0;
  *model_ms = (g_get_monotonic_time () - parsed) / 1000.0;

  if (g_list_model_get_n_items (G_LIST_MODEL (thread)) != n_messages)
    g_error ("the model has %u messages", g_list_model_get_n_items (G_LIST_MODEL (thread)));
  return thread;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* Puts one case of 2,000 messages in the emulator's state. */
static gboolean
seed_emulator (const char *control,
               const char *case_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = g_strconcat (control, "/state", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, "111111111111");
  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case_id");
  json_builder_add_string_value (builder, case_id);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, "A very long conversation");
  json_builder_set_member_name (builder, "time_created");
  json_builder_add_string_value (builder, "-200d");
  json_builder_set_member_name (builder, "communications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_messages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Message %u.\n\n%s", i + 1,
                                               paragraphs[i % G_N_ELEMENTS (paragraphs)]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, i % 2 ? "aws" : "customer");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  request = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  if (answer == NULL || soup_message_get_status (message) != 200)
    {
      g_printerr ("Could not seed the emulator: %s\n", error != NULL ? error->message : "HTTP error");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
} LoadWait;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->ok = sd_case_thread_refresh_finish (SD_CASE_THREAD (source), result, &error);
  if (!wait->ok)
    g_printerr ("Loading over HTTP failed: %s\n", error->message);
  g_main_loop_quit (wait->loop);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SdAwsClient) client = sd_aws_client_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("sd-bench-thread-XXXXXX", NULL);
  g_autoptr(SdCaseCache) cache = sd_case_cache_new (dir, dir);
  double parse_ms[MAX_ROUNDS];
  double model_ms[MAX_ROUNDS];
  double total_ms[MAX_ROUNDS];
  double rss_before;
  double rss_after;
  double cold_parse_ms;
  double cold_model_ms;
  size_t heap_before;
  size_t heap_after;
  SdCaseThread *kept;
  gsize bytes = 0;
  double total;
  double growth;

  smoke = g_strcmp0 (g_getenv ("SD_BENCH_SMOKE"), "1") == 0;
  if (smoke)
    {
      n_messages = 200;
      rounds = 1;
    }
  for (guint p = 0; p < n_messages / PAGE_SIZE; p++)
    {
      char *text = page_json (p);

      bytes += strlen (text);
      g_ptr_array_add (pages, text);
    }

  /* Memory: a thread built and kept, as a window showing it keeps it. */
  rss_before = rss_mb ();
  heap_before = mallinfo2 ().uordblks;
  kept = build_thread (client, cache, pages, &cold_parse_ms, &cold_model_ms);
  rss_after = rss_mb ();
  heap_after = mallinfo2 ().uordblks;
  growth = rss_after - rss_before;

  /* Time: builds once warm, the median of several. */
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(SdCaseThread) thread = build_thread (client, cache, pages, &parse_ms[r], &model_ms[r]);

      total_ms[r] = parse_ms[r] + model_ms[r];
    }
  total = median (total_ms, rounds);

  g_print ("Case thread of %d messages (%d pages, %.1f MB of JSON):\n",
           n_messages, n_messages / PAGE_SIZE, bytes / (1024.0 * 1024.0));
  g_print ("  first build        %7.1f ms  (parse %.1f + model %.1f)\n",
           cold_parse_ms + cold_model_ms, cold_parse_ms, cold_model_ms);
  g_print ("  median of %u:\n", rounds);
  g_print ("  parse pages        %7.1f ms\n", median (parse_ms, rounds));
  g_print ("  build the model    %7.1f ms  (%d SdCommunication, bodies sanitised, links found)\n",
           median (model_ms, rounds), n_messages);
  g_print ("  data to model      %7.1f ms  bar %.0f ms (core part): %s\n", total, BAR_MS,
           verdict (MAX (total, cold_parse_ms + cold_model_ms) < BAR_MS));
  g_print ("  resident memory    %7.1f MB -> %.1f MB with the thread kept: growth %.1f MB "
           "(heap %.1f MB)  bar %.0f MB: %s\n",
           rss_before, rss_after, growth, (double) (heap_after - heap_before) / (1024.0 * 1024.0),
           BAR_MB, verdict (growth < BAR_MB));
  print_result ("Thread model: data to model (core part, slower of first and median)",
                MAX (total, cold_parse_ms + cold_model_ms), "ms", "< 200 ms",
                MAX (total, cold_parse_ms + cold_model_ms) < BAR_MS, FALSE);
  print_result ("Thread model: resident memory growth", growth, "MB", "< 50 MB", growth < BAR_MB, FALSE);
  g_clear_object (&kept);

  /* The whole load over HTTP, when run under with-emulator. */
  if (g_getenv ("SD_EMULATOR_CONTROL") != NULL &&
      seed_emulator (g_getenv ("SD_EMULATOR_CONTROL"), BENCH_CASE))
    {
      /* The profile of cases-scenario.json's account 111111111111. */
      g_autoptr(SdCaseThread) thread = sd_case_thread_new (client, "cases", BENCH_CASE, cache);
      LoadWait wait = { g_main_loop_new (NULL, FALSE), FALSE };
      gint64 start;
      double ms;

      sd_case_thread_set_page_size (thread, PAGE_SIZE);
      start = g_get_monotonic_time ();
      sd_case_thread_refresh_async (thread, NULL, on_loaded, &wait);
      g_main_loop_run (wait.loop);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_main_loop_unref (wait.loop);
      if (!wait.ok || g_list_model_get_n_items (G_LIST_MODEL (thread)) != n_messages)
        {
          g_printerr ("The load over HTTP gave %u messages\n", g_list_model_get_n_items (G_LIST_MODEL (thread)));
          return 1;
        }
      g_print ("  over HTTP          %7.0f ms  (emulator: DescribeCases + %d signed pages, parsed, model)\n",
               ms, n_messages / PAGE_SIZE);
      print_result ("Thread model: whole load over HTTP from the emulator", ms, "ms", NULL, FALSE, FALSE);
    }

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  return 0;
}
