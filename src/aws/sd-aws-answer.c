/* sd-aws-answer.c — what an AWS answer means: its body read, its error
 * mapped to SD_AWS_ERROR with a message for people, and the XML of Query
 * answers searched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-client-private.h"
#include "sd-aws-error.h"
#include "sd-aws-io.h"
#include "sd-aws-json.h"

char *
sd_aws_tidy_server_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > 600)
    {
      char *end = g_utf8_offset_to_pointer (valid, 600);
      return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
    }
  return g_steal_pointer (&valid);
}

/* XML: the first element named @element */

typedef struct
{
  const char *element;
  guint       depth;     /* > 0 while inside the element */
  GString    *text;
  gboolean    done;
} XmlFind;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon != NULL ? colon + 1 : name;
}

static void
xml_start (GMarkupParseContext  *context,
           const char           *element_name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  XmlFind *find = user_data;

  if (find->done)
    return;
  if (find->depth > 0)
    find->depth++;
  else if (g_str_equal (local_name (element_name), find->element))
    {
      find->depth = 1;
      find->text = g_string_new (NULL);
    }
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *element_name,
         gpointer              user_data,
         GError              **error)
{
  XmlFind *find = user_data;

  if (find->done || find->depth == 0)
    return;
  if (--find->depth == 0)
    {
      find->done = TRUE;
      /* Stop parsing: the rest of the document does not matter. */
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "found");
    }
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 text_len,
          gpointer              user_data,
          GError              **error)
{
  XmlFind *find = user_data;

  if (!find->done && find->depth > 0)
    g_string_append_len (find->text, text, text_len);
}

/* Error mapping */

typedef struct
{
  guint      status;
  char      *aws_code;     /* normalized */
  char      *aws_message;
  char      *request_id;
  gboolean   understood;   /* the body was an AWS error document */
} HttpFailure;

static void
http_failure_clear (HttpFailure *failure)
{
  g_clear_pointer (&failure->aws_code, g_free);
  g_clear_pointer (&failure->aws_message, g_free);
  g_clear_pointer (&failure->request_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HttpFailure, http_failure_clear)

static const char *
skip_space (const char *data, gsize *len)
{
  while (*len > 0 && g_ascii_isspace (*data))
    {
      data++;
      (*len)--;
    }
  return data;
}

static gboolean
content_type_is_json (const char *content_type)
{
  return content_type != NULL &&
         (g_str_equal (content_type, "application/json") ||
          g_str_has_prefix (content_type, "application/x-amz-json-"));
}

static const char *
json_first_string (JsonObject *object, const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = sd_json_get_string (object, names[i]);
      if (value != NULL)
        return value;
    }
  return NULL;
}

static void
parse_http_failure (guint               status,
                    SoupMessageHeaders *headers,
                    GBytes             *body,
                    HttpFailure        *failure)
{
  static const char * const code_keys[] = { "__type", "code", "Code", NULL };
  static const char * const message_keys[] = { "message", "Message", "errorMessage", NULL };
  const char *header_type;
  const char *data = NULL;
  gsize len = 0;
  g_autofree char *raw_code = NULL;

  failure->status = status;
  failure->request_id = g_strdup (soup_message_headers_get_one (headers, "x-amzn-RequestId"));
  if (failure->request_id == NULL)
    failure->request_id = g_strdup (soup_message_headers_get_one (headers, "x-amz-request-id"));

  if (body != NULL)
    data = g_bytes_get_data (body, &len);
  if (data != NULL)
    data = skip_space (data, &len);

  if (data != NULL && len > 0 && data[0] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (sd_json_load (parser, data, len) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));

          raw_code = g_strdup (json_first_string (object, code_keys));
          failure->aws_message = sd_aws_tidy_server_text (json_first_string (object, message_keys));
          failure->understood = TRUE;
        }
    }
  else if (data != NULL && len > 0 && data[0] == '<')
    {
      raw_code = sd_aws_xml_find_text (data, len, "Code");
      if (raw_code != NULL)
        {
          g_autofree char *message = sd_aws_xml_find_text (data, len, "Message");

          failure->aws_message = sd_aws_tidy_server_text (message);
          failure->understood = TRUE;
          if (failure->request_id == NULL)
            failure->request_id = sd_aws_xml_find_text (data, len, "RequestId");
        }
    }

  /* REST-JSON puts the code in a header, which wins over the body. */
  header_type = soup_message_headers_get_one (headers, "x-amzn-ErrorType");
  if (header_type != NULL && *header_type != '\0')
    {
      g_free (raw_code);
      raw_code = g_strdup (header_type);
      failure->understood = TRUE;
    }

  if (raw_code != NULL)
    {
      /* It goes into messages: valid UTF-8, whatever the server sent. */
      g_autofree char *valid = g_utf8_make_valid (raw_code, -1);

      failure->aws_code = sd_aws_error_normalize_code (valid);
      if (failure->aws_code != NULL && *failure->aws_code == '\0')
        g_clear_pointer (&failure->aws_code, g_free);
    }
}

static const char *
describe_body (SoupMessageHeaders *headers,
               GBytes             *body)
{
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  if (data != NULL)
    data = skip_space (data, &len);
  if (len == 0)
    return _("an empty body");
  if ((content_type != NULL && strstr (content_type, "html") != NULL) ||
      (data != NULL && (g_ascii_strncasecmp (data, "<!doctype html", MIN (len, 14)) == 0 ||
                        g_ascii_strncasecmp (data, "<html", MIN (len, 5)) == 0)))
    return _("an HTML page");
  if (data != NULL && data[0] == '{')
    return _("JSON that could not be read");
  if (data != NULL && data[0] == '<')
    return _("XML that could not be read");
  return _("a body that is not an AWS answer");
}

/* A message for a person: what happened, and what to do. */
static char *
compose_service_message (const SdAwsAnswerContext *state,
                         SdAwsErrorCode            code,
                         HttpFailure              *failure)
{
  const SdAwsCall *call = state->call;
  const char *url = state->url;
  const char *op = call->operation;
  const char *server = failure->aws_message != NULL ? failure->aws_message : failure->aws_code;
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;

  if (failure->aws_code != NULL && failure->aws_message != NULL)
    detail = g_strdup_printf ("%s (%s, HTTP %u)", failure->aws_message, failure->aws_code, failure->status);
  else
    detail = g_strdup_printf ("%s (HTTP %u)", server != NULL ? server : _("no details"), failure->status);

  switch (code)
    {
    case SD_AWS_ERROR_SIGNATURE:
      if (g_strcmp0 (failure->aws_code, "InvalidClientTokenId") == 0 ||
          g_strcmp0 (failure->aws_code, "UnrecognizedClientException") == 0 ||
          g_strcmp0 (failure->aws_code, "InvalidAccessKeyId") == 0)
        text = g_strdup_printf (_("%s does not know the access key of profile “%s”: check its access "
                                  "key id, and that the region %s is enabled for the account. %s"),
                                url, state->profile_label,
                                state->region != NULL ? state->region : "?", detail);
      else if (g_strcmp0 (failure->aws_code, "RequestTimeTooSkewed") == 0 ||
               g_strcmp0 (failure->aws_code, "RequestExpired") == 0 ||
               (failure->aws_message != NULL &&
                (strstr (failure->aws_message, "Signature expired") != NULL ||
                 strstr (failure->aws_message, "Signature not yet current") != NULL)))
        text = g_strdup_printf (_("%s rejected the request because this computer’s clock is wrong: "
                                  "set the date and time automatically. %s"), url, detail);
      else
        text = g_strdup_printf (_("The request signature was rejected by %s: check the secret access "
                                  "key of profile “%s”. %s"), url, state->profile_label, detail);
      break;
    case SD_AWS_ERROR_CREDENTIALS_EXPIRED:
      text = g_strdup_printf (_("The credentials of profile “%s” have expired: refresh them (for "
                                "SSO, run `aws sso login --profile %s`). %s"),
                              state->profile_label, state->profile_label, detail);
      break;
    case SD_AWS_ERROR_ACCESS_DENIED:
      text = g_strdup_printf (_("Access denied: %s (profile “%s” needs permission %s:%s)"),
                              server != NULL ? server : _("no details"), state->profile_label,
                              sd_aws_call_get_iam_prefix (call), op);
      break;
    case SD_AWS_ERROR_THROTTLED:
      text = g_strdup_printf (_("%s is throttling requests to %s: try again in a minute. %s"),
                              sd_aws_call_get_label (call), op, detail);
      break;
    case SD_AWS_ERROR_SERVER:
      text = g_strdup_printf (_("%s had an internal error answering %s: try again later. %s"),
                              sd_aws_call_get_label (call), op, detail);
      break;
    case SD_AWS_ERROR_SUBSCRIPTION_REQUIRED:
      text = g_strdup_printf (_("The account of profile “%s” has no AWS Support plan with API access "
                                "(Business, Enterprise On-Ramp or Enterprise): use the Support "
                                "Center instead. %s"), state->profile_label, detail);
      break;
    default:
      text = g_strdup_printf (_("%s %s failed: %s"), sd_aws_call_get_label (call), op, detail);
      break;
    }

  return g_steal_pointer (&text);
}

static void
set_http_error (const SdAwsAnswerContext  *state,
                const char                *reason,
                SoupMessageHeaders        *headers,
                GBytes                    *body,
                HttpFailure               *failure,
                GError                   **error)
{
  const char *url = state->url;
  SdAwsErrorCode code;
  g_autofree char *text = NULL;

  if (!failure->understood)
    {
      /* A proxy's or emulator's page instead of an AWS error document. */
      if (failure->status >= 500)
        code = SD_AWS_ERROR_SERVER;
      else if (failure->status == 429)
        code = SD_AWS_ERROR_THROTTLED;
      else
        code = SD_AWS_ERROR_BAD_RESPONSE;
      text = g_strdup_printf (_("%s answered %s with HTTP %u %s and %s instead of an AWS error: "
                                "check the endpoint URL and any proxy, or try again later."),
                              url, state->call->operation, failure->status,
                              reason != NULL ? reason : "", describe_body (headers, body));
    }
  else
    {
      code = sd_aws_error_code_from_aws (failure->aws_code, failure->status);
      text = compose_service_message (state, code, failure);
    }

  sd_aws_error_set_service (error, code, failure->aws_code, failure->aws_message,
                            failure->status, failure->request_id, "%s", text);
}

/* The answer of a 2xx: a JSON object for the JSON protocols; the Query
 * protocol's XML is read by the caller. */
static gboolean
read_success (const SdAwsAnswerContext  *context,
              guint                      status,
              SoupMessageHeaders        *headers,
              GBytes                    *body,
              JsonObject               **object,
              GError                   **error)
{
  const SdAwsCall *call = context->call;
  gboolean want_json = call->service == NULL || call->service->protocol != SD_AWS_PROTOCOL_QUERY;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  gsize len = 0;
  const char *data = skip_space (g_bytes_get_data (body, &len), &len);
  g_autoptr(JsonParser) parser = NULL;

  /* Only a write may answer with nothing (an operation whose output is
   * empty); a read that answers nothing is no answer: taken as {}, its
   * fields would read as their defaults (a "Sandbox" that is not one). */
  if (len == 0 && !call->is_write)
    {
      sd_aws_error_set_service (error, SD_AWS_ERROR_BAD_RESPONSE, NULL, NULL, status,
                                soup_message_headers_get_one (headers, "x-amzn-RequestId"),
                                _("%s answered %s with HTTP %u and an empty body instead of an "
                                  "answer: check the endpoint URL and any proxy."),
                                context->url, call->operation, status);
      return FALSE;
    }
  if (!want_json)
    return TRUE;
  if (len == 0)
    {
      *object = json_object_new ();
      return TRUE;
    }

  parser = json_parser_new ();
  if ((!content_type_is_json (content_type) && data[0] != '{') ||
      !sd_json_load (parser, data, len) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      sd_aws_error_set_service (error, SD_AWS_ERROR_BAD_RESPONSE, NULL, NULL, status,
                                soup_message_headers_get_one (headers, "x-amzn-RequestId"),
                                _("%s answered %s with HTTP %u and %s instead of a JSON "
                                  "object: check the endpoint URL and any proxy."),
                                context->url, call->operation, status,
                                describe_body (headers, body));
      return FALSE;
    }
  *object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return TRUE;
}

gboolean
sd_aws_answer_read (const SdAwsAnswerContext  *context,
                    guint                      status,
                    const char                *reason,
                    SoupMessageHeaders        *headers,
                    GBytes                    *body,
                    JsonObject               **object,
                    char                     **aws_code,
                    GError                   **error)
{
  g_auto(HttpFailure) failure = { 0 };
  g_autofree char *reason_text = sd_aws_tidy_server_text (reason);

  g_return_val_if_fail (context != NULL && context->call != NULL && context->url != NULL, FALSE);
  g_return_val_if_fail (headers != NULL && body != NULL, FALSE);
  g_return_val_if_fail (object != NULL && *object == NULL, FALSE);
  g_return_val_if_fail (aws_code != NULL && *aws_code == NULL, FALSE);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return read_success (context, status, headers, body, object, error);

  parse_http_failure (status, headers, body, &failure);
  set_http_error (context, reason_text, headers, body, &failure, error);
  *aws_code = g_steal_pointer (&failure.aws_code);
  return FALSE;
}

char *
sd_aws_xml_find_text (const char *xml,
                      gssize      len,
                      const char *element)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  XmlFind find = { element, 0, NULL, FALSE };
  char *text = NULL;

  g_return_val_if_fail (element != NULL, NULL);

  if (xml == NULL)
    return NULL;
  if (len < 0)
    len = strlen (xml);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &find, NULL);
  if (g_markup_parse_context_parse (context, xml, len, NULL))
    g_markup_parse_context_end_parse (context, NULL);

  if (find.done)
    text = g_strdup (g_strstrip (find.text->str));
  /* The element may be a secret (AssumeRole's SecretAccessKey). */
  if (find.text != NULL)
    {
      sd_aws_wipe (find.text->str, find.text->allocated_len);
      g_string_free (find.text, TRUE);
    }
  return text;
}

char *
sd_aws_xml_find_text_in_bytes (GBytes     *answer,
                               const char *element)
{
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (answer != NULL, NULL);

  data = g_bytes_get_data (answer, &len);
  return sd_aws_xml_find_text (data, len, element);
}
