/* test-sigv4.c — the SigV4 signer against AWS's test suite, plus unit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sd-aws-error.h"
#include "sd-sigv4.h"

/* The suite's README.txt: every case signs with these. */
#define SUITE_ACCESS_KEY "AKIDEXAMPLE"
#define SUITE_SECRET     "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_REGION     "us-east-1"
#define SUITE_SERVICE    "service"
#define SUITE_DATE       "20150830T123600Z"

static char *suite_dir;

/* Auxiliary functions */

typedef struct {
  char      *method;
  char      *path;
  char      *query;    /* NULL when the target has no '?' */
  GPtrArray *headers;  /* name, value, …, NULL */
  char      *body;
  gsize      body_len;
} ParsedRequest;

static void
parsed_request_free (ParsedRequest *req)
{
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_ptr_array_unref (req->headers);
  g_free (req->body);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedRequest, parsed_request_free)

static const char *
parsed_request_get_header (ParsedRequest *req,
                           const char    *name)
{
  for (guint i = 0; i + 1 < req->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (req->headers, i), name) == 0)
      return g_ptr_array_index (req->headers, i + 1);
  return NULL;
}

static void
parsed_request_add_header (ParsedRequest *req,
                           const char    *name,
                           const char    *value)
{
  /* Keep the array NULL-terminated. */
  g_ptr_array_remove_index (req->headers, req->headers->len - 1);
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
  g_ptr_array_add (req->headers, NULL);
}

/* Parses a raw HTTP request: request line, headers (with obs-fold
 * continuation lines and duplicates), blank line, body. */
static ParsedRequest *
parse_raw_request (const char *raw,
                   gsize       len)
{
  g_autoptr(ParsedRequest) req = g_new0 (ParsedRequest, 1);
  const char *end = raw + len;
  const char *line = raw;
  const char *eol = memchr (line, '\n', len);
  const char *first_space, *last_space, *target_end, *qmark;
  g_autofree char *request_line = NULL;
  gboolean saw_blank = FALSE;

  req->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (req->headers, NULL);

  request_line = g_strndup (line, eol != NULL ? (gsize) (eol - line) : len);
  g_strchomp (request_line);
  first_space = strchr (request_line, ' ');
  last_space = strrchr (request_line, ' ');
  if (first_space == NULL)
    return NULL;
  req->method = g_strndup (request_line, (gsize) (first_space - request_line));
  /* The target may itself hold spaces (normalize-path/get-space). */
  target_end = last_space != first_space && g_str_has_prefix (last_space + 1, "HTTP/")
               ? last_space : request_line + strlen (request_line);
  qmark = memchr (first_space + 1, '?', (gsize) (target_end - first_space - 1));
  req->path = g_strndup (first_space + 1,
                         (gsize) ((qmark != NULL ? qmark : target_end) - first_space - 1));
  if (qmark != NULL)
    req->query = g_strndup (qmark + 1, (gsize) (target_end - qmark - 1));

  line = eol != NULL ? eol + 1 : end;
  while (line < end)
    {
      gsize line_len;
      g_autofree char *text = NULL;
      const char *colon;

      eol = memchr (line, '\n', (gsize) (end - line));
      line_len = (eol != NULL ? (gsize) (eol - line) : (gsize) (end - line));
      text = g_strndup (line, line_len);
      if (line_len > 0 && text[line_len - 1] == '\r')
        text[line_len - 1] = '\0';
      line = eol != NULL ? eol + 1 : end;

      if (text[0] == '\0')
        {
          saw_blank = TRUE;
          break;
        }
      if ((text[0] == ' ' || text[0] == '\t') && req->headers->len >= 3)
        {
          /* obs-fold: RFC 7230 replaces the line break with a space. */
          char **value = (char **) &g_ptr_array_index (req->headers, req->headers->len - 2);
          char *joined = g_strconcat (*value, " ", text, NULL);

          g_free (*value);
          *value = joined;
          continue;
        }
      colon = strchr (text, ':');
      if (colon == NULL)
        return NULL;
      {
        g_autofree char *name = g_strndup (text, (gsize) (colon - text));

        parsed_request_add_header (req, name, colon + 1);
      }
    }

  if (saw_blank && line < end)
    {
      req->body_len = (gsize) (end - line);
      req->body = g_memdup2 (line, req->body_len);
    }
  return g_steal_pointer (&req);
}

static char *
read_case_file (const char *dir,
                const char *name,
                const char *ext,
                gsize      *len)
{
  g_autofree char *file = g_strconcat (name, ext, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, len, &error))
    g_error ("%s", error->message);
  return contents;
}

/* Expected outputs may come with CRLF line ends. */
static char *
read_expected (const char *dir,
               const char *name,
               const char *ext)
{
  g_autofree char *text = read_case_file (dir, name, ext, NULL);
  g_auto(GStrv) parts = g_strsplit (text, "\r", -1);

  return g_strjoinv ("", parts);
}

/* An oracle for the signature, independent of the signer's key cache and
 * OpenSSL contexts: the whole HMAC chain with one-shot HMAC(). */
static char *
expected_signature (const char *secret,
                    const char *date8,
                    const char *region,
                    const char *service,
                    const char *string_to_sign)
{
  g_autofree char *k_secret = g_strconcat ("AWS4", secret, NULL);
  const char *parts[] = { date8, region, service, "aws4_request", string_to_sign };
  guint8 key[EVP_MAX_MD_SIZE];
  unsigned int key_len = (unsigned int) strlen (k_secret);
  GString *hex = g_string_new (NULL);

  memcpy (key, k_secret, MIN (key_len, sizeof key));
  g_assert_cmpuint (key_len, <=, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint8 out[EVP_MAX_MD_SIZE];
      unsigned int out_len = 0;

      g_assert_nonnull (HMAC (EVP_sha256 (), key, (int) key_len,
                              (const guint8 *) parts[i], strlen (parts[i]), out, &out_len));
      memcpy (key, out, out_len);
      key_len = out_len;
    }
  for (guint i = 0; i < key_len; i++)
    g_string_append_printf (hex, "%02x", key[i]);
  return g_string_free (hex, FALSE);
}

/* Signs a small request with the suite's credentials unless told otherwise. */
static gboolean
sign_simple (SdSigv4Signer  *signer,
             const char     *method,
             const char     *path,
             const char     *query,
             const char    **headers,
             const char     *secret,
             const char     *region,
             const char     *service,
             const char     *date,
             SdSigv4Flags    flags,
             SdSigv4Result  *result,
             GError        **error)
{
  SdSigv4Request request = { 0 };

  request.method = method;
  request.path = path;
  request.query = query;
  request.headers = headers;
  return sd_sigv4_sign (signer, &request, SUITE_ACCESS_KEY,
                        secret != NULL ? secret : SUITE_SECRET,
                        region != NULL ? region : SUITE_REGION,
                        service != NULL ? service : SUITE_SERVICE,
                        date != NULL ? date : SUITE_DATE,
                        flags, result, error);
}

/* The second line of a canonical request. */
static char *
canonical_uri_of (const SdSigv4Result *result)
{
  g_auto(GStrv) lines = g_strsplit (result->canonical_request, "\n", 3);

  return g_strdup (lines[1]);
}

static char *
canonical_query_of (const SdSigv4Result *result)
{
  g_auto(GStrv) lines = g_strsplit (result->canonical_request, "\n", 4);

  return g_strdup (lines[2]);
}

/* The test suite */

static void
test_suite_case (gconstpointer data)
{
  const char *rel = data;
  g_autofree char *name = g_path_get_basename (rel);
  g_autofree char *dir = g_build_filename (suite_dir, rel, NULL);
  g_autofree char *raw = NULL;
  g_autofree char *sreq_raw = NULL;
  g_autofree char *creq = read_expected (dir, name, ".creq");
  g_autofree char *sts = read_expected (dir, name, ".sts");
  g_autofree char *authz = read_expected (dir, name, ".authz");
  g_autoptr(ParsedRequest) req = NULL;
  g_autoptr(ParsedRequest) sreq = NULL;
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  g_autoptr(GError) error = NULL;
  SdSigv4Request request = { 0 };
  SdSigv4Result result = { 0 };
  const char *token;
  gsize raw_len = 0, sreq_len = 0;
  gboolean token_after;

  raw = read_case_file (dir, name, ".req", &raw_len);
  req = parse_raw_request (raw, raw_len);
  g_assert_nonnull (req);
  sreq_raw = read_case_file (dir, name, ".sreq", &sreq_len);
  sreq = parse_raw_request (sreq_raw, sreq_len);
  g_assert_nonnull (sreq);

  /* Session tokens: the caller puts X-Amz-Security-Token in the headers it
   * signs. get-vanilla-with-session-token's .req leaves the header out and
   * only its .sreq (the request as sent) carries the token; post-sts-token/
   * readme.txt says the "-after" case adds the token after signing. */
  token = parsed_request_get_header (sreq, "X-Amz-Security-Token");
  token_after = g_str_has_suffix (name, "-header-after");
  if (token != NULL && !token_after
      && parsed_request_get_header (req, "X-Amz-Security-Token") == NULL)
    parsed_request_add_header (req, "X-Amz-Security-Token", token);

  request.method = req->method;
  request.path = req->path;
  request.query = req->query;
  request.headers = (const char * const *) req->headers->pdata;
  request.body = (const guint8 *) req->body;
  request.body_len = req->body_len;

  g_assert_true (sd_sigv4_sign (signer, &request, SUITE_ACCESS_KEY, SUITE_SECRET,
                                SUITE_REGION, SUITE_SERVICE, SUITE_DATE,
                                SD_SIGV4_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.canonical_request, ==, creq);
  g_assert_cmpstr (result.string_to_sign, ==, sts);
  g_assert_cmpstr (result.authorization, ==, authz);
  g_assert_true (g_str_has_suffix (authz, result.signature));
  g_assert_true (strstr (authz, result.signed_headers) != NULL);

  if (token_after)
    {
      /* Added after signing: on the wire, yet neither signed nor hashed. */
      const char *sent_authz = parsed_request_get_header (sreq, "Authorization");

      g_assert_nonnull (token);
      g_assert_null (strstr (result.canonical_request, token));
      g_assert_nonnull (sent_authz);
      g_assert_cmpstr (sent_authz + strspn (sent_authz, " "), ==, result.authorization);
    }
  sd_sigv4_result_clear (&result);
}

static void
test_suite_found (gconstpointer data)
{
  const GPtrArray *cases = data;
  gboolean normalize = FALSE, sts = FALSE;

  if (suite_dir == NULL)
    {
      g_test_fail_printf ("SD_TEST_DATA is not set: cannot find aws-sig-v4-test-suite/");
      return;
    }
  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    {
      normalize |= g_str_has_prefix (g_ptr_array_index (cases, i), "normalize-path/");
      sts |= g_str_has_prefix (g_ptr_array_index (cases, i), "post-sts-token/");
    }
  g_assert_true (normalize);
  g_assert_true (sts);
}

/* Every folder holding FOLDER.req is a case; subfolders are walked too. */
static void
collect_cases (const char *dir,
               const char *rel,
               GPtrArray  *cases)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *req_name = g_strconcat (base, ".req", NULL);
  g_autofree char *req_path = g_build_filename (dir, req_name, NULL);
  const char *entry;

  if (d == NULL)
    return;
  if (rel != NULL && g_file_test (req_path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (cases, g_strdup (rel));
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, entry, NULL);
      g_autofree char *child_rel = rel != NULL ? g_strconcat (rel, "/", entry, NULL)
                                               : g_strdup (entry);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_cases (child, child_rel, cases);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Unit tests */

static void
test_uri_encode (void)
{
  struct {
    const char *in;
    gssize      len;
    gboolean    keep_slash;
    const char *out;
  } cases[] = {
    { "", -1, FALSE, "" },
    { "-._~AZaz09", -1, FALSE, "-._~AZaz09" },
    { "a b/c:d", -1, TRUE, "a%20b/c%3Ad" },
    { "a b/c:d", -1, FALSE, "a%20b%2Fc%3Ad" },
    { "\xe1\x88\xb4", -1, FALSE, "%E1%88%B4" },
    { "100%+*=&$@!'()", -1, FALSE, "100%25%2B%2A%3D%26%24%40%21%27%28%29" },
    { "abc def", 3, FALSE, "abc" },
    { "a\0b", 3, FALSE, "a%00b" },
    { "\x7f\xff", -1, TRUE, "%7F%FF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sd_sigv4_uri_encode (cases[i].in, cases[i].len, cases[i].keep_slash);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sha256_and_date (void)
{
  g_autofree char *empty = sd_sigv4_sha256_hex ((const guint8 *) "", 0);
  g_autofree char *abc = sd_sigv4_sha256_hex ((const guint8 *) "abc", 3);
  g_autofree char *date = sd_sigv4_format_amz_date (1440938160);
  g_autofree char *epoch = sd_sigv4_format_amz_date (0);

  /* FIPS 180-2 known answers. */
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (date, ==, SUITE_DATE);
  g_assert_cmpstr (epoch, ==, "19700101T000000Z");
}

static void
test_key_cache (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *headers[] = { "Host", "example.amazonaws.com", "X-Amz-Date", SUITE_DATE, NULL };
  const char *headers2[] = { "Host", "example.amazonaws.com", "X-Amz-Date", "20150831T000000Z",
                             NULL };
  struct {
    const char  *secret, *region, *service, *date;
    const char **headers;
  } variants[] = {
    { NULL, NULL, NULL, NULL, headers },
    { NULL, NULL, NULL, "20150831T000000Z", headers2 },
    { NULL, "eu-west-1", NULL, NULL, headers },
    { NULL, NULL, "ses", NULL, headers },
    { "another/secret+key", NULL, NULL, NULL, headers },
  };
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);

  /* Twice round: the second pass hits the cache and must agree with the
   * first, with a fresh signer and with the independent oracle. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      {
        g_autoptr(SdSigv4Signer) fresh = sd_sigv4_signer_new ();
        g_autoptr(GError) error = NULL;
        SdSigv4Result result = { 0 }, fresh_result = { 0 };
        g_autofree char *oracle = NULL;
        const char *date = variants[i].date != NULL ? variants[i].date : SUITE_DATE;
        g_autofree char *date8 = g_strndup (date, 8);

        g_assert_true (sign_simple (signer, "GET", "/", NULL, variants[i].headers,
                                    variants[i].secret, variants[i].region, variants[i].service,
                                    variants[i].date, 0, &result, &error));
        g_assert_no_error (error);
        g_assert_true (sign_simple (fresh, "GET", "/", NULL, variants[i].headers,
                                    variants[i].secret, variants[i].region, variants[i].service,
                                    variants[i].date, 0, &fresh_result, &error));
        g_assert_no_error (error);
        oracle = expected_signature (variants[i].secret != NULL ? variants[i].secret : SUITE_SECRET,
                                     date8,
                                     variants[i].region != NULL ? variants[i].region : SUITE_REGION,
                                     variants[i].service != NULL ? variants[i].service
                                                                 : SUITE_SERVICE,
                                     result.string_to_sign);
        g_assert_cmpstr (result.signature, ==, oracle);
        g_assert_cmpstr (result.authorization, ==, fresh_result.authorization);
        if (pass == 0)
          g_ptr_array_add (first, g_strdup (result.signature));
        else
          g_assert_cmpstr (result.signature, ==, g_ptr_array_index (first, i));
        sd_sigv4_result_clear (&result);
        sd_sigv4_result_clear (&fresh_result);
      }

  /* Date, region, service and secret each change the signature. */
  for (guint i = 1; i < first->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first, 0), !=, g_ptr_array_index (first, i));
}

static void
test_key_cache_eviction (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *headers[] = { "Host", "example.amazonaws.com", "X-Amz-Date", SUITE_DATE, NULL };

  /* More (region, service) pairs than the cache holds, twice over, so that
   * entries are evicted and derived again. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < 200; i++)
      {
        g_autofree char *region = g_strdup_printf ("region-%u", i);
        g_autofree char *oracle = NULL;
        g_autoptr(GError) error = NULL;
        SdSigv4Result result = { 0 };

        g_assert_true (sign_simple (signer, "GET", "/", NULL, headers, NULL, region, NULL, NULL,
                                    0, &result, &error));
        g_assert_no_error (error);
        oracle = expected_signature (SUITE_SECRET, "20150830", region, SUITE_SERVICE,
                                     result.string_to_sign);
        g_assert_cmpstr (result.signature, ==, oracle);
        sd_sigv4_result_clear (&result);
      }
}

static void
test_session_token (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  g_autoptr(GError) error = NULL;
  const char *token = "FwoGZXIvYXdzEXAMPLE//token+with/slashes==";
  const char *plain[] = { "Host", "email.us-east-1.amazonaws.com", "X-Amz-Date", SUITE_DATE,
                          NULL };
  const char *with_token[] = { "Host", "email.us-east-1.amazonaws.com",
                               "X-Amz-Date", SUITE_DATE,
                               "X-Amz-Security-Token", token, NULL };
  SdSigv4Result a = { 0 }, b = { 0 };
  g_autofree char *line = g_strconcat ("\nx-amz-security-token:", token, "\n", NULL);
  g_autofree char *oracle = NULL;

  g_assert_true (sign_simple (signer, "GET", "/v2/email/account", NULL, plain, NULL, NULL, "ses",
                              NULL, 0, &a, &error));
  g_assert_no_error (error);
  g_assert_true (sign_simple (signer, "GET", "/v2/email/account", NULL, with_token, NULL, NULL,
                              "ses", NULL, 0, &b, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (a.signed_headers, ==, "host;x-amz-date");
  g_assert_cmpstr (b.signed_headers, ==, "host;x-amz-date;x-amz-security-token");
  g_assert_nonnull (strstr (b.canonical_request, line));
  g_assert_true (g_str_has_suffix (b.authorization, b.signature));
  g_assert_nonnull (strstr (b.authorization, "SignedHeaders=host;x-amz-date;x-amz-security-token,"));
  g_assert_cmpstr (a.signature, !=, b.signature);
  oracle = expected_signature (SUITE_SECRET, "20150830", SUITE_REGION, "ses", b.string_to_sign);
  g_assert_cmpstr (b.signature, ==, oracle);

  sd_sigv4_result_clear (&a);
  sd_sigv4_result_clear (&b);
}

static void
test_rest_path_encoding (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *headers[] = { "Host", "email.us-east-1.amazonaws.com", "X-Amz-Date", SUITE_DATE,
                            NULL };
  g_autofree char *label = sd_sigv4_uri_encode ("pool:a b", -1, FALSE);
  g_autofree char *path = g_strconcat ("/v2/email/dedicated-ip-pools/", label, NULL);
  struct {
    const char   *path;
    SdSigv4Flags  flags;
    const char   *canonical;
  } cases[] = {
    /* Sent once encoded: every service but S3 signs it encoded twice. */
    { path, 0, "/v2/email/dedicated-ip-pools/pool%253Aa%2520b" },
    { path, SD_SIGV4_NO_PATH_NORMALIZATION, "/v2/email/dedicated-ip-pools/pool%3Aa%20b" },
    /* A colon may be sent as is; a space as a raw byte is encoded once. */
    { "/v2/a:b", 0, "/v2/a%3Ab" },
    { "/v2/a:b", SD_SIGV4_NO_PATH_NORMALIZATION, "/v2/a%3Ab" },
    { "/v2/a b", 0, "/v2/a%20b" },
    { "/v2/a b", SD_SIGV4_NO_PATH_NORMALIZATION, "/v2/a%20b" },
    /* S3 keys: an encoded slash stays encoded, any spelling of a byte is one. */
    { "/bucket/a%2Fb%7e%3a", SD_SIGV4_NO_PATH_NORMALIZATION, "/bucket/a%2Fb~%3A" },
    { "/bucket/a%2Fb", 0, "/bucket/a%252Fb" },
    { "", 0, "/" },
    { NULL, SD_SIGV4_NO_PATH_NORMALIZATION, "/" },
  };

  g_assert_cmpstr (label, ==, "pool%3Aa%20b");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SdSigv4Result result = { 0 };
      g_autofree char *uri = NULL;

      g_assert_true (sign_simple (signer, "GET", cases[i].path, NULL, headers, NULL, NULL, "ses",
                                  NULL, cases[i].flags, &result, &error));
      g_assert_no_error (error);
      uri = canonical_uri_of (&result);
      g_assert_cmpstr (uri, ==, cases[i].canonical);
      sd_sigv4_result_clear (&result);
    }
}

static void
test_s3_no_normalization (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *headers[] = { "Host", "bucket.s3.amazonaws.com", "X-Amz-Date", SUITE_DATE, NULL };
  struct {
    const char *path;
    const char *normalized;
    const char *s3;
  } cases[] = {
    /* normalize-path.txt's own example */
    { "/my-object//example//photo.user", "/my-object/example/photo.user",
      "/my-object//example//photo.user" },
    { "/a/./b/../c", "/a/c", "/a/./b/../c" },
    { "/a/b/../../..", "/", "/a/b/../../.." },
    { "//", "/", "//" },
    { "/a/./", "/a/", "/a/./" },
    { "/a/.", "/a", "/a/." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SdSigv4Result normal = { 0 }, s3 = { 0 };
      g_autofree char *normal_uri = NULL, *s3_uri = NULL;

      g_assert_true (sign_simple (signer, "GET", cases[i].path, NULL, headers, NULL, NULL, "s3",
                                  NULL, 0, &normal, &error));
      g_assert_no_error (error);
      g_assert_true (sign_simple (signer, "GET", cases[i].path, NULL, headers, NULL, NULL, "s3",
                                  NULL, SD_SIGV4_NO_PATH_NORMALIZATION, &s3, &error));
      g_assert_no_error (error);
      normal_uri = canonical_uri_of (&normal);
      s3_uri = canonical_uri_of (&s3);
      g_assert_cmpstr (normal_uri, ==, cases[i].normalized);
      g_assert_cmpstr (s3_uri, ==, cases[i].s3);
      g_assert_cmpstr (normal.signature, !=, s3.signature);
      sd_sigv4_result_clear (&normal);
      sd_sigv4_result_clear (&s3);
    }
}

static void
test_query (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *headers[] = { "Host", "example.amazonaws.com", "X-Amz-Date", SUITE_DATE, NULL };
  struct {
    const char *query;
    const char *canonical;
  } cases[] = {
    { "b=2&a=&c&a=1", "a=&a=1&b=2&c=" },
    { "%7e=%41&%7E=%2a", "~=%2A&~=A" },
    { "a+b=c d&&x=%2F", "a%2Bb=c%20d&x=%2F" },
    { "NextToken=abc%3D%3D&PageSize=10", "NextToken=abc%3D%3D&PageSize=10" },
    { "k=v=w", "k=v%3Dw" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SdSigv4Result result = { 0 };
      g_autofree char *query = NULL;

      g_assert_true (sign_simple (signer, "GET", "/", cases[i].query, headers, NULL, NULL, NULL,
                                  NULL, 0, &result, &error));
      g_assert_no_error (error);
      query = canonical_query_of (&result);
      g_assert_cmpstr (query, ==, cases[i].canonical);
      sd_sigv4_result_clear (&result);
    }
}

static void
test_headers_and_payload (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  g_autoptr(GError) error = NULL;
  const char *body = "{\"subject\":\"SES\"}";
  g_autofree char *body_hash = sd_sigv4_sha256_hex ((const guint8 *) body, strlen (body));
  const char *headers[] = {
    "host", "support.us-east-1.amazonaws.com",
    "User-Agent", "ses-desk/0.1",              /* left unsigned, as botocore does */
    "X-Amz-Target", "\t AWSSupport_20130415.CreateCase \t",
    "Content-Type", "application/x-amz-json-1.1",
    "x-amz-date", SUITE_DATE,
    "X-AMZ-TARGET", "b  \t c",
    NULL,
  };
  const char *with_content_sha[] = {
    "Host", "example.amazonaws.com", "X-Amz-Date", SUITE_DATE,
    "X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD", NULL,
  };
  SdSigv4Request request = { "post", "/", NULL, headers, (const guint8 *) body, strlen (body),
                             NULL };
  SdSigv4Result result = { 0 };
  g_autofree char *expected = g_strconcat (
    "POST\n/\n\n"
    "content-type:application/x-amz-json-1.1\n"
    "host:support.us-east-1.amazonaws.com\n"
    "x-amz-date:" SUITE_DATE "\n"
    "x-amz-target:AWSSupport_20130415.CreateCase,b c\n\n"
    "content-type;host;x-amz-date;x-amz-target\n", body_hash, NULL);

  g_assert_true (sd_sigv4_sign (signer, &request, SUITE_ACCESS_KEY, SUITE_SECRET, SUITE_REGION,
                                "support", SUITE_DATE, 0, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.canonical_request, ==, expected);
  sd_sigv4_result_clear (&result);

  /* A given hash wins over hashing the body; the flag wins over both. */
  request.payload_hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_assert_true (sd_sigv4_sign (signer, &request, SUITE_ACCESS_KEY, SUITE_SECRET, SUITE_REGION,
                                "support", SUITE_DATE, 0, &result, &error));
  g_assert_true (g_str_has_suffix (result.canonical_request, request.payload_hash));
  sd_sigv4_result_clear (&result);
  g_assert_true (sd_sigv4_sign (signer, &request, SUITE_ACCESS_KEY, SUITE_SECRET, SUITE_REGION,
                                "support", SUITE_DATE, SD_SIGV4_UNSIGNED_PAYLOAD, &result, &error));
  g_assert_true (g_str_has_suffix (result.canonical_request, "\nUNSIGNED-PAYLOAD"));
  sd_sigv4_result_clear (&result);

  /* X-Amz-Content-SHA256 must match what is signed (S3 checks it). */
  g_assert_true (sign_simple (signer, "PUT", "/", NULL, with_content_sha, NULL, NULL, "s3", NULL,
                              SD_SIGV4_NO_PATH_NORMALIZATION, &result, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (result.canonical_request,
                                   "\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD"));
  sd_sigv4_result_clear (&result);
}

static void
test_malformed (void)
{
  g_autoptr(SdSigv4Signer) signer = sd_sigv4_signer_new ();
  const char *good[] = { "Host", "example.amazonaws.com", "X-Amz-Date", SUITE_DATE, NULL };
  const char *no_host[] = { "X-Amz-Date", SUITE_DATE, NULL };
  const char *other_date[] = { "Host", "h", "X-Amz-Date", "20150830T123601Z", NULL };
  const char *bad_name[] = { "Host", "h", "Bad Name", "v", NULL };
  const char *null_value[] = { "Host", "h", "X-Odd", NULL, NULL };
  struct {
    const char   *method, *path, *query, **headers, *date;
    SdSigv4Flags  flags;
  } cases[] = {
    { NULL, "/", NULL, good, NULL, 0 },
    { "", "/", NULL, good, NULL, 0 },
    { "GET", "/", NULL, good, "2015-08-30T12:36:00Z", 0 },
    { "GET", "/", NULL, good, "20150830T1236Z", 0 },
    { "GET", "/", NULL, good, "20150830X123600Z", 0 },
    { "GET", "relative", NULL, good, NULL, 0 },
    { "GET", "/", "a=%zz", good, NULL, 0 },
    { "GET", "/", "a=%4", good, NULL, 0 },
    { "GET", "/a%g0", NULL, good, NULL, SD_SIGV4_NO_PATH_NORMALIZATION },
    { "GET", "/", NULL, no_host, NULL, 0 },
    { "GET", "/", NULL, other_date, NULL, 0 },
    { "GET", "/", NULL, bad_name, NULL, 0 },
    { "GET", "/", NULL, null_value, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SdSigv4Result result = { 0 };

      g_test_message ("malformed case %u", i);
      g_assert_false (sign_simple (signer, cases[i].method, cases[i].path, cases[i].query,
                                   cases[i].headers, NULL, NULL, NULL, cases[i].date,
                                   cases[i].flags, &result, &error));
      g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_FAILED);
      g_assert_null (result.authorization);
    }

  /* Bad credentials or scope */
  {
    const char *bad_scope[][3] = {
      { "", "us-east-1", "ses" },
      { SUITE_SECRET, "", "ses" },
      { SUITE_SECRET, "us/east", "ses" },
      { SUITE_SECRET, "us-east-1", "s es" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_scope); i++)
      {
        g_autoptr(GError) error = NULL;
        SdSigv4Result result = { 0 };

        g_assert_false (sign_simple (signer, "GET", "/", NULL, good, bad_scope[i][0],
                                     bad_scope[i][1], bad_scope[i][2], NULL, 0, &result, &error));
        g_assert_error (error, SD_AWS_ERROR, SD_AWS_ERROR_FAILED);
      }
  }

  /* The signer still works after refusing. */
  {
    g_autoptr(GError) error = NULL;
    SdSigv4Result result = { 0 };

    g_assert_true (sign_simple (signer, "GET", "/", NULL, good, NULL, NULL, NULL, NULL, 0,
                                &result, &error));
    g_assert_no_error (error);
    sd_sigv4_result_clear (&result);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  const char *data = g_getenv ("SD_TEST_DATA");
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (data != NULL)
    {
      suite_dir = g_build_filename (data, "aws-sig-v4-test-suite", NULL);
      collect_cases (suite_dir, NULL, cases);
      g_ptr_array_sort (cases, compare_strings);
    }
  g_test_add_data_func ("/sigv4/suite/found", cases, test_suite_found);
  for (guint i = 0; i < cases->len; i++)
    {
      g_autofree char *test_path = g_strconcat ("/sigv4/suite/", g_ptr_array_index (cases, i),
                                                NULL);

      g_test_add_data_func (test_path, g_ptr_array_index (cases, i), test_suite_case);
    }

  g_test_add_func ("/sigv4/uri-encode", test_uri_encode);
  g_test_add_func ("/sigv4/sha256-and-date", test_sha256_and_date);
  g_test_add_func ("/sigv4/key-cache", test_key_cache);
  g_test_add_func ("/sigv4/key-cache-eviction", test_key_cache_eviction);
  g_test_add_func ("/sigv4/session-token", test_session_token);
  g_test_add_func ("/sigv4/rest-path-encoding", test_rest_path_encoding);
  g_test_add_func ("/sigv4/s3-no-normalization", test_s3_no_normalization);
  g_test_add_func ("/sigv4/query", test_query);
  g_test_add_func ("/sigv4/headers-and-payload", test_headers_and_payload);
  g_test_add_func ("/sigv4/malformed", test_malformed);

  ret = g_test_run ();
  g_free (suite_dir);
  return ret;
}
