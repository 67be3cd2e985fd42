/* fuzz-client-answer.c — libFuzzer target: the client's answer path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one call and its HTTP answer: a first byte choosing the call
 * (bits 0–1: SESv2 GetAccount, Support DescribeCases, STS AssumeRole over
 * the Query protocol, or the unsigned SSO portal call; bit 2: a write),
 * then the status line and headers up to a blank line, then the body. The
 * body goes through the reader the client uses, decompressed as the
 * headers say (gzip, deflate) and limited, then through the reading of
 * answers: every outcome must be an answer or an SD_AWS_ERROR with a
 * message in valid UTF-8.
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "sd-aws-client-private.h"
#include "sd-aws-error.h"
#include "sd-aws-io.h"

/* Small, so that a compressed bomb is caught at once. */
#define FUZZ_ANSWER_LIMIT (256 * 1024)

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

/* The body as the client reads it: decoded, then limited. */
static GBytes *
read_body (SoupMessageHeaders  *headers,
           const guint8        *body,
           gsize                len,
           GError             **error)
{
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (body, len, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  if (encoding != NULL && (g_ascii_strcasecmp (encoding, "gzip") == 0 ||
                           g_ascii_strcasecmp (encoding, "deflate") == 0))
    {
      g_autoptr(GZlibDecompressor) decompressor =
        g_zlib_decompressor_new (g_ascii_strcasecmp (encoding, "gzip") == 0
                                 ? G_ZLIB_COMPRESSOR_FORMAT_GZIP : G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      GInputStream *decoded = g_converter_input_stream_new (stream, G_CONVERTER (decompressor));

      g_object_unref (stream);
      stream = decoded;
    }

  sd_aws_read_all_async (stream, FUZZ_ANSWER_LIMIT, NULL, on_read, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sd_aws_read_all_finish (stream, result, error);
}

static SdAwsCall *
new_call (guint8 choice)
{
  SdAwsCall *call;

  switch (choice & 3)
    {
    case 0:
      call = sd_aws_call_new (&sd_aws_service_sesv2, "GetAccount", "fuzz", "us-east-1");
      sd_aws_call_set_http (call, "GET", "/v2/email/account");
      break;
    case 1:
      call = sd_aws_call_new (&sd_aws_service_support, "DescribeCases", "fuzz", "us-east-1");
      break;
    case 2:
      call = sd_aws_call_new (&sd_aws_service_sts, "AssumeRole", "fuzz", "us-east-1");
      break;
    default:
      call = sd_aws_call_new_unsigned ("SSO", "sso", "GetRoleCredentials",
                                       "https://portal.sso.us-east-1.amazonaws.com/federation/credentials");
      break;
    }
  sd_aws_call_set_write (call, (choice & 4) != 0);
  return call;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(SdAwsCall) call = NULL;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *head = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *aws_code = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  SdAwsAnswerContext context = { NULL, "https://fuzz.example.com", "fuzz", "us-east-1" };
  const guint8 *end;
  guint status = 0;
  guint8 choice;
  gboolean answered;

  if (size < 1)
    return 0;
  choice = data[0];
  call = new_call (choice);
  data++;
  size--;

  /* The head ends at the first blank line; libsoup parses it as it would off the wire. */
  end = memmem (data, size, "\r\n\r\n", 4);
  if (end == NULL)
    return 0;
  head = g_strndup ((const char *) data, end + 2 - data);
  if (!soup_headers_parse_response (head, strlen (head), headers, NULL, &status, &reason))
    return 0;

  body = read_body (headers, end + 4, size - (end + 4 - data), &error);
  if (body == NULL)
    {
      /* Too large, or not what the encoding says: the client gives up on it. */
      g_assert_nonnull (error);
      return 0;
    }

  context.call = call;
  context.region = (choice & 3) == 3 ? NULL : "us-east-1";
  answered = sd_aws_answer_read (&context, status, reason, headers, body, &object, &aws_code, &error);
  if (answered)
    {
      g_assert_no_error (error);
      g_assert_true (SOUP_STATUS_IS_SUCCESSFUL (status));
      /* JSON protocols give an object; the Query protocol's XML is the caller's. */
      g_assert_true ((object != NULL) == ((choice & 3) != 2));
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SD_AWS_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (object);
      if (aws_code != NULL)
        g_assert_true (g_utf8_validate (aws_code, -1, NULL));
    }
  return 0;
}
