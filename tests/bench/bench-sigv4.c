/* bench-sigv4.c — signatures per second of sd_sigv4_sign()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signs each request of bench-requests.json (the ones
 * bench_sigv4_botocore.py signs) for a while and prints, per request:
 *   auth <index> <Authorization header value>
 *   rate <index> <signatures per second>
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sd-sigv4.h"

typedef struct {
  char      *service;
  char      *region;
  char      *method;
  char      *path;
  char      *query;
  GPtrArray *headers;  /* name, value, …, NULL */
  char      *body;
  gsize      body_len;
} BenchRequest;

static void
bench_request_free (BenchRequest *req)
{
  g_free (req->service);
  g_free (req->region);
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_ptr_array_unref (req->headers);
  g_free (req->body);
  g_free (req);
}

/* The request as the client hands it to the signer: Host, X-Amz-Date and
 * X-Amz-Security-Token added to the JSON's headers. */
static BenchRequest *
bench_request_new (JsonObject *obj,
                   const char *amz_date,
                   const char *token)
{
  BenchRequest *req = g_new0 (BenchRequest, 1);
  g_autoptr(GUri) uri = g_uri_parse (json_object_get_string_member (obj, "url"),
                                     G_URI_FLAGS_ENCODED, NULL);
  JsonArray *headers = json_object_get_array_member (obj, "headers");
  const char *body = json_object_get_string_member (obj, "body");

  g_assert (uri != NULL);
  req->service = g_strdup (json_object_get_string_member (obj, "service"));
  req->region = g_strdup (json_object_get_string_member (obj, "region"));
  req->method = g_strdup (json_object_get_string_member (obj, "method"));
  req->path = g_strdup (g_uri_get_path (uri));
  req->query = g_strdup (g_uri_get_query (uri));
  req->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (req->headers, g_strdup ("Host"));
  g_ptr_array_add (req->headers, g_strdup (g_uri_get_host (uri)));
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      g_ptr_array_add (req->headers, g_strdup (json_array_get_string_element (pair, 0)));
      g_ptr_array_add (req->headers, g_strdup (json_array_get_string_element (pair, 1)));
    }
  g_ptr_array_add (req->headers, g_strdup ("X-Amz-Date"));
  g_ptr_array_add (req->headers, g_strdup (amz_date));
  g_ptr_array_add (req->headers, g_strdup ("X-Amz-Security-Token"));
  g_ptr_array_add (req->headers, g_strdup (token));
  g_ptr_array_add (req->headers, NULL);
  req->body = g_strdup (body);
  req->body_len = strlen (body);
  return req;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  double duration = 2.0;
  JsonObject *root;
  JsonArray *requests;
  const char *access_key, *secret, *token, *amz_date;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s bench-requests.json [seconds]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    duration = g_ascii_strtod (argv[2], NULL);
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  access_key = json_object_get_string_member (root, "access_key_id");
  secret = json_object_get_string_member (root, "secret_access_key");
  token = json_object_get_string_member (root, "session_token");
  amz_date = json_object_get_string_member (root, "amz_date");
  requests = json_object_get_array_member (root, "requests");

  for (guint index = 0; index < json_array_get_length (requests); index++)
    {
      BenchRequest *req = bench_request_new (json_array_get_object_element (requests, index),
                                             amz_date, token);
      SdSigv4Request request = { 0 };
      SdSigv4Result result = { 0 };
      gint64 start, deadline, now;
      guint64 count = 0;

      request.method = req->method;
      request.path = req->path;
      request.query = req->query;
      request.headers = (const char * const *) req->headers->pdata;
      request.body = (const guint8 *) req->body;
      request.body_len = req->body_len;

      if (!sd_sigv4_sign (signer, &request, access_key, secret, req->region, req->service,
                          amz_date, SD_SIGV4_FLAGS_NONE, &result, &error))
        {
          fprintf (stderr, "signing failed: %s\n", error->message);
          return 1;
        }
      printf ("auth %u %s\n", index, result.authorization);
      fflush (stdout);
      sd_sigv4_result_clear (&result);

      start = g_get_monotonic_time ();
      deadline = start + (gint64) (duration * G_USEC_PER_SEC);
      do
        {
          for (guint i = 0; i < 1024; i++)
            {
              if (!sd_sigv4_sign (signer, &request, access_key, secret, req->region,
                                  req->service, amz_date, SD_SIGV4_FLAGS_NONE, &result, NULL))
                return 1;
              sd_sigv4_result_clear (&result);
            }
          count += 1024;
          now = g_get_monotonic_time ();
        }
      while (now < deadline);

      printf ("rate %u %.1f\n", index, (double) count * G_USEC_PER_SEC / (double) (now - start));
      fflush (stdout);
      bench_request_free (req);
    }
  return 0;
}
