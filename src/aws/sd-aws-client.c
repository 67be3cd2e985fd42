/* sd-aws-client.c — one client for every AWS call of the app
 *
 * A call goes: region → endpoint → credentials → (sign → send → classify)
 * per attempt. Signing and classifying happen on the caller's main loop;
 * sending, reading and parsing the answer on the wire's thread
 * (sd-aws-wire.c), which hands answers back a slice at a time. Reads are
 * retried in the SDKs' standard mode; writes never, except for the one
 * re-sign after a clock-skew rejection (the server refused the signature, so
 * nothing was applied).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sd-aws-client.h"
#include "sd-aws-client-private.h"
#include "sd-aws-error.h"
#include "sd-aws-io.h"
#include "sd-aws-json.h"
#include "sd-aws-proxy.h"
#include "sd-aws-tls-database.h"
#include "sd-aws-wire.h"
#include "sd-sigv4.h"

#define DEFAULT_TIMEOUT_SECONDS 30
/* Politeness is per account and AWS endpoint, as AWS's rate limits are: at
 * most this many requests of one profile in flight to one service in one
 * region (or one unsigned host), queued in order beyond it. libsoup's own
 * caps are far higher, so that 50 accounts reaching one regional host share
 * its connections (kept alive and reused from account to account) without
 * waiting for each other: a refresh of 50 accounts × 27 regions is about
 * 5,400 requests, and at 100 ms each 128 connections alone would need 4 s.
 * The total stays under half the process's file descriptor limit, idle
 * connections included (make_room). No more requests than connections are
 * handed to libsoup at once: the rest wait in the client's own queue, since
 * libsoup walks its whole queue (and checks its idle connections) each time
 * a connection frees, which grows with the square of the requests queued
 * there; for the same reason each region has a session of its own. */
#define MAX_IN_FLIGHT_PER_ENDPOINT 6
#define MAX_CONNS               512
/* The most time one dispatch of the main loop spends signing and sending. */
#define SEND_SLICE_USEC         4000
/* The SDKs correct the clock when the server's differs by more than this. */
#define SKEW_THRESHOLD_SECONDS  (5 * 60)
/* An attempt as a whole, from sending to the last byte of the answer, gets
 * this many times the client's timeout (which bounds each read alone). */
#define ATTEMPT_DEADLINE_FACTOR 4

struct _SdAwsClient
{
  GObject           parent_instance;

  SdAwsConfig      *config;          /* owned */
  SdAwsWire        *wire;            /* owned; made at the first send */
  GProxyResolver   *proxy;           /* owned; NULL = the desktop's settings */
  SdAwsTlsDatabase *tls;             /* owned; NULL without a TLS backend, or until tls_checked */
  gboolean          tls_checked;
  SdSigv4Signer    *signer;          /* owned */
  GHashTable       *providers;       /* profile ("" = default choice) → SdAwsCredentialProvider */
  GHashTable       *overrides;       /* profile ("" = default choice) → SdAwsCredentials */
  SdAwsRetryPolicy *retry;           /* owned */
  gint64            clock_offset;
  guint             timeout;
  guint             max_attempts;    /* 0 = from the environment or the profile */
  GHashTable       *endpoints;       /* slot key → EndpointSlots */
  guint             max_conns;       /* libsoup's caps, and the most attempts handed to it */
  guint             in_flight;       /* attempts handed to the wire */
  GQueue            gate;            /* GTask*: attempts with an endpoint slot waiting for one of those */
  GSource          *gate_pump;       /* sends the attempts waiting, a slice at a time */
  GQueue            deadlines;       /* SendState*: attempts out, the soonest deadline first */
  GSource          *deadline_timer;  /* cancels them at their deadlines; the first sender's context */
};

/* Requests in flight to one endpoint, and the attempts waiting for a slot. */
typedef struct
{
  guint   in_flight;
  GQueue  waiting;                   /* GTask*, each holding its own reference */
} EndpointSlots;

G_DEFINE_FINAL_TYPE_WITH_CODE (SdAwsClient, sd_aws_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SD_TYPE_AWS_CREDENTIAL_CALLS,
                                                      sd_aws_client_credential_calls_init))

/* One call in flight: the GTask's data. */
typedef struct
{
  SdAwsCall        *call;            /* owned */
  SdAwsEndpoint    *endpoint;        /* owned; NULL for unsigned calls */
  char             *profile_label;   /* the profile named in messages */
  char             *region;
  SdAwsCredentials *credentials;
  gboolean          credentials_from_provider;
  char             *invocation_id;
  guint             attempt;         /* 1-based number of the attempt under way */
  guint             max_attempts;
  guint             retry_cost;
  gboolean          skew_corrected;
  SdAwsWireJob     *job;             /* the attempt under way */
  /* The answer as the wire's thread read it (answer_read()). */
  gboolean          answer_ok;
  JsonObject       *answer_object;
  char             *answer_code;
  GError           *answer_error;
  GSource          *delay_source;
  GSource          *cancel_source;
  char             *slot_key;        /* set while the attempt holds an endpoint slot */
  gboolean          through_gate;    /* counted in the client's in_flight */
  gulong            caller_cancelled_id;
  GSource          *deadline_source; /* an attempt of another context than deadline_timer's */
  GList             deadline_link;   /* in the client's deadlines, while deadline_client is set */
  SdAwsClient      *deadline_client;
  gint64            deadline_at;     /* monotonic time */
  gboolean          deadline_passed;
} SendState;

typedef struct
{
  GBytes     *bytes;
  JsonObject *object;
} SendResult;

typedef struct
{
  GSource      source;
  SdAwsClient *client;               /* unowned: the client destroys it */
} SdAwsDeadlineTimer;

static void send_attempt (GTask *task);
static void unqueue_deadline (SendState *state);
static void send_attempt_now (GTask *task);
static void release_slot (SdAwsClient *self, SendState *state);

/* Auxiliary functions */

static const char *
key_for_profile (const char *profile)
{
  return profile != NULL ? profile : "";
}

static void
send_result_free (gpointer data)
{
  SendResult *result = data;

  /* Answers may hold credentials (AssumeRole, the SSO portal). */
  g_clear_pointer (&result->bytes, sd_aws_wipe_bytes_unref);
  g_clear_pointer (&result->object, json_object_unref);
  g_free (result);
}

static void
clear_delay (SendState *state)
{
  if (state->delay_source != NULL)
    {
      g_source_destroy (state->delay_source);
      g_clear_pointer (&state->delay_source, g_source_unref);
    }
  if (state->cancel_source != NULL)
    {
      g_source_destroy (state->cancel_source);
      g_clear_pointer (&state->cancel_source, g_source_unref);
    }
}

static void
send_state_free (gpointer data)
{
  SendState *state = data;

  clear_delay (state);
  unqueue_deadline (state);
  if (state->deadline_source != NULL)
    g_source_destroy (state->deadline_source);
  g_clear_pointer (&state->deadline_source, g_source_unref);
  g_clear_pointer (&state->job, sd_aws_wire_job_unref);
  g_clear_pointer (&state->answer_object, json_object_unref);
  g_free (state->answer_code);
  g_clear_error (&state->answer_error);
  g_clear_pointer (&state->call, sd_aws_call_free);
  g_clear_pointer (&state->endpoint, sd_aws_endpoint_free);
  g_clear_pointer (&state->credentials, sd_aws_credentials_unref);
  g_free (state->profile_label);
  g_free (state->region);
  g_free (state->invocation_id);
  g_free (state->slot_key);
  g_free (state);
}

static gint64
local_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
redact_canonical_request (const char *canonical)
{
  g_auto(GStrv) lines = g_strsplit (canonical, "\n", -1);

  /* The session token is a secret; it is a signed header, so it appears in
   * the canonical request. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "x-amz-security-token:"))
      {
        sd_aws_wipe_free (lines[i]);
        lines[i] = g_strdup ("x-amz-security-token:<redacted>");
      }
  return g_strjoinv ("\n", lines);
}

static char *
redact_authorization (const char *authorization)
{
  const char *sig = strstr (authorization, "Signature=");

  if (sig == NULL)
    return g_strdup ("<redacted>");
  return g_strdup_printf ("%.*sSignature=<redacted>", (int) (sig - authorization), authorization);
}

static gboolean
is_skew_code (const char *code)
{
  static const char * const skew_codes[] = {
    "RequestTimeTooSkewed", "SignatureDoesNotMatch", "InvalidSignatureException",
    "RequestExpired", "AuthFailure", NULL,
  };

  return code != NULL && g_strv_contains (skew_codes, code);
}

/* Learns the server's clock from its Date header; TRUE when the offset changed. */
static gboolean
correct_clock_skew (SdAwsClient *self,
                    SoupMessage *msg)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  g_autoptr(GDateTime) server = NULL;
  gint64 now = local_now ();
  gint64 server_time;

  if (date == NULL || (server = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;

  server_time = g_date_time_to_unix (server);
  if (ABS (server_time - (now + self->clock_offset)) <= SKEW_THRESHOLD_SECONDS)
    return FALSE;

  g_debug ("Server clock differs from ours by %" G_GINT64_FORMAT " s; signing again",
           server_time - now);
  self->clock_offset = server_time - now;
  return TRUE;
}

/* What to check, after what the TLS backend found wrong with the certificate. */
static const char *
certificate_advice (GTlsCertificateFlags flags)
{
  if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return _("it is outside its validity period: check this computer's date and time");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another host name: check the endpoint URL (and any proxy, "
             "which may answer in the server's place)");
  return _("no trusted authority signed it: a proxy that inspects TLS traffic may be in the "
           "way (add its CA certificate with AWS_CA_BUNDLE or the profile's ca_bundle), or "
           "check this computer's date and time and the endpoint URL");
}

/* Handshake failures (CERTIFICATE): never retried, they would fail the same way. */
static void
set_tls_error (GError      **error,
               SoupMessage  *msg,
               GError       *transport)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  g_autofree char *where = port > 0 ? g_strdup_printf ("%s:%d", host, port) : g_strdup (host);

  if (g_error_matches (transport, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    sd_aws_error_set_service (error, SD_AWS_ERROR_CERTIFICATE, NULL, NULL, 0, NULL,
                              _("The TLS certificate of %s is not trusted (%s): %s."),
                              where, transport->message,
                              certificate_advice (soup_message_get_tls_peer_certificate_errors (msg)));
  else
    sd_aws_error_set_service (error, SD_AWS_ERROR_CERTIFICATE, NULL, NULL, 0, NULL,
                              _("The secure connection to %s failed (%s): check the endpoint URL "
                                "and any proxy that inspects TLS traffic."),
                              where, transport->message);
}

/* Transport failures: NETWORK, TIMEOUT or CERTIFICATE, retryable or not. */
static void
map_transport_error (SendState    *state,
                     SoupMessage  *msg,
                     GError       *transport,
                     GError      **error,
                     gboolean     *connection_error,
                     gboolean     *timeout)
{
  const char *url = state->endpoint != NULL ? state->endpoint->url : state->call->url;
  guint status = soup_message_get_status (msg);

  *connection_error = FALSE;
  *timeout = FALSE;

  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *timeout = TRUE;
      sd_aws_error_set_service (error, SD_AWS_ERROR_TIMEOUT, NULL, NULL, 0, NULL,
                                _("%s did not answer %s in time: check the network "
                                  "connection, or try again later."),
                                url, state->call->operation);
      return;
    }

  /* The handshake failed: the request never left. */
  if (transport->domain == G_TLS_ERROR && transport->code != G_TLS_ERROR_EOF &&
      transport->code != G_TLS_ERROR_MISC)
    {
      set_tls_error (error, msg, transport);
      return;
    }

  /* A bad certificate will not get better by trying again. */
  *connection_error = transport->domain != G_TLS_ERROR;

  /* The status line came, the whole body did not. */
  if (status != 0)
    {
      sd_aws_error_set_service (error, SD_AWS_ERROR_BAD_RESPONSE, NULL, NULL, status, NULL,
                                _("The answer of %s to %s was cut short (HTTP %u, %s): check the "
                                  "network connection, or try again later."),
                                url, state->call->operation, status, transport->message);
      return;
    }

  sd_aws_error_set_service (error, SD_AWS_ERROR_NETWORK, NULL, NULL, 0, NULL,
                            _("Could not reach %s (%s): check the network connection and the "
                              "endpoint URL."), url, transport->message);
}

/* Trusts the profile's CA bundle (or AWS_CA_BUNDLE's), if it names one. */
/* Sessions */

/* The TLS database, made at the first HTTPS request (or CA bundle): a
 * client that speaks plain HTTP never loads the TLS backend. NULL without
 * a TLS backend. */
static SdAwsTlsDatabase *
tls_database (SdAwsClient *self)
{
  if (!self->tls_checked)
    {
      self->tls_checked = TRUE;
      self->tls = sd_aws_tls_database_new ();
    }
  return self->tls;
}

static gboolean
use_ca_bundle (SdAwsClient  *self,
               const char   *profile,
               GError      **error)
{
  g_autofree char *source = NULL;
  g_autofree char *path = sd_aws_config_get_ca_bundle (self->config, profile, &source);

  if (path == NULL)
    return TRUE;
  if (tls_database (self) == NULL)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                   _("The CA bundle “%s” (%s) cannot be used: this system has no TLS support "
                     "(install glib-networking)."), path, source);
      return FALSE;
    }
  return sd_aws_tls_database_add_bundle (self->tls, path, source, error);
}

/* Request building */

static void
append_param (GString    *out,
              const char *name,
              const char *value)
{
  g_autofree char *n = sd_sigv4_uri_encode (name, -1, FALSE);
  g_autofree char *v = sd_sigv4_uri_encode (value != NULL ? value : "", -1, FALSE);

  if (out->len > 0)
    g_string_append_c (out, '&');
  g_string_append_printf (out, "%s=%s", n, v);
}

static GBytes *
json_body_bytes (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/* Builds the attempt's message; fills the headers to sign. */
static SoupMessage *
build_message (SendState  *state,
               GPtrArray  *signed_headers,
               GBytes    **body_out,
               GError    **error)
{
  SdAwsCall *call = state->call;
  const char *base = state->endpoint->url;
  const char *base_path;
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) form = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *content_type = NULL;
  const char *method = "POST";
  const char *path = "/";
  SoupMessage *msg;

  base_uri = g_uri_parse (base, SOUP_HTTP_URI_FLAGS, error);
  if (base_uri == NULL)
    return NULL;
  base_path = g_uri_get_path (base_uri);
  if (g_str_equal (base_path, "/"))
    base_path = "";

  switch (call->service->protocol)
    {
    case SD_AWS_PROTOCOL_JSON:
    case SD_AWS_PROTOCOL_JSON_1_0:
      content_type = call->service->protocol == SD_AWS_PROTOCOL_JSON ? "application/x-amz-json-1.1"
                                                                     : "application/x-amz-json-1.0";
      if (call->body != NULL)
        body = json_body_bytes (call->body);
      else
        body = g_bytes_new_static ("{}", 2);
      g_ptr_array_add (signed_headers, g_strdup ("X-Amz-Target"));
      g_ptr_array_add (signed_headers, g_strdup_printf ("%s.%s", call->service->target_prefix,
                                                        call->operation));
      break;

    case SD_AWS_PROTOCOL_REST_JSON:
      method = call->method != NULL ? call->method : "GET";
      path = call->path != NULL ? call->path : "/";
      for (guint i = 0; i + 1 < call->params->len; i += 2)
        append_param (query, call->params->pdata[i], call->params->pdata[i + 1]);
      if (call->body != NULL)
        {
          content_type = "application/json";
          body = json_body_bytes (call->body);
        }
      break;

    case SD_AWS_PROTOCOL_QUERY:
      content_type = "application/x-www-form-urlencoded; charset=utf-8";
      form = g_string_new (NULL);
      append_param (form, "Action", call->operation);
      append_param (form, "Version", call->service->api_version);
      for (guint i = 0; i + 1 < call->params->len; i += 2)
        append_param (form, call->params->pdata[i], call->params->pdata[i + 1]);
      body = g_bytes_new (form->str, form->len);
      break;

    default:
      g_assert_not_reached ();
    }

  url = g_strdup_printf ("%s://%s%s%s%s%s", g_uri_get_scheme (base_uri), state->endpoint->host,
                         base_path, path, query->len > 0 ? "?" : "", query->str);
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT,
                   _("Could not build a request for %s"), url);
      return NULL;
    }

  if (content_type != NULL)
    {
      g_ptr_array_add (signed_headers, g_strdup ("Content-Type"));
      g_ptr_array_add (signed_headers, g_strdup (content_type));
      soup_message_set_request_body_from_bytes (msg, content_type, body);
    }

  *body_out = g_steal_pointer (&body);
  return msg;
}

static gboolean
sign_message (SdAwsClient  *self,
              SendState    *state,
              SoupMessage  *msg,
              GPtrArray    *headers,
              GBytes       *body,
              GError      **error)
{
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (msg);
  GUri *uri = soup_message_get_uri (msg);
  g_autofree char *amz_date = sd_sigv4_format_amz_date (local_now () + self->clock_offset);
  const char *token = sd_aws_credentials_get_session_token (state->credentials);
  SdSigv4Request request = { 0 };
  SdSigv4Result result = { 0 };
  g_autofree char *creq = NULL;
  g_autofree char *authz = NULL;

  /* Host and X-Amz-Date go first: the signer needs them exactly as sent. */
  g_ptr_array_insert (headers, 0, g_strdup ("Host"));
  g_ptr_array_insert (headers, 1, g_strdup (state->endpoint->host));
  g_ptr_array_insert (headers, 2, g_strdup ("X-Amz-Date"));
  g_ptr_array_insert (headers, 3, g_strdup (amz_date));
  if (token != NULL && *token != '\0')
    {
      g_ptr_array_add (headers, g_strdup ("X-Amz-Security-Token"));
      g_ptr_array_add (headers, g_strdup (token));
    }
  g_ptr_array_add (headers, NULL);

  request.method = soup_message_get_method (msg);
  request.path = g_uri_get_path (uri);
  request.query = g_uri_get_query (uri);
  request.headers = (const char * const *) headers->pdata;
  if (body != NULL)
    request.body = g_bytes_get_data (body, &request.body_len);

  if (!sd_sigv4_sign (self->signer, &request,
                      sd_aws_credentials_get_access_key_id (state->credentials),
                      sd_aws_credentials_get_secret_access_key (state->credentials),
                      state->endpoint->signing_region, state->endpoint->signing_name,
                      amz_date, SD_SIGV4_FLAGS_NONE, &result, error))
    return FALSE;

  for (guint i = 0; i + 1 < headers->len && headers->pdata[i] != NULL; i += 2)
    {
      /* Content-Type is set with the body. */
      if (g_ascii_strcasecmp (headers->pdata[i], "Content-Type") != 0)
        soup_message_headers_replace (request_headers, headers->pdata[i], headers->pdata[i + 1]);
    }
  soup_message_headers_replace (request_headers, "Authorization", result.authorization);

  /* Made only when G_MESSAGES_DEBUG shows them: GLib formats a message
   * before it drops it, and a fleet's refresh signs thousands. */
  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      creq = redact_canonical_request (result.canonical_request);
      authz = redact_authorization (result.authorization);
      g_debug ("Canonical request:\n%s", creq);
      g_debug ("String to sign:\n%s", result.string_to_sign);
      g_debug ("Authorization: %s", authz);
    }

  sd_sigv4_result_clear (&result);
  return TRUE;
}

/* Callbacks */

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
finish_success (GTask      *task,
                GBytes     *bytes,
                JsonObject *object)
{
  SdAwsClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  SendResult *result = g_new0 (SendResult, 1);

  sd_aws_retry_policy_record_success (self->retry, state->retry_cost);
  result->bytes = g_bytes_ref (bytes);
  result->object = object != NULL ? json_object_ref (object) : NULL;
  g_task_return_pointer (task, result, send_result_free);
  g_object_unref (task);
}

static gboolean
on_delay_done (gpointer user_data)
{
  GTask *task = user_data;
  SendState *state = g_task_get_task_data (task);

  clear_delay (state);
  state->attempt++;
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_delay_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SendState *state = g_task_get_task_data (task);
  GError *error = NULL;

  clear_delay (state);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  return_error (task, error);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  SendState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_debug ("Retrying %s in %u ms (attempt %u of %u)", state->call->operation, delay_ms,
           state->attempt + 1, state->max_attempts);

  state->delay_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (state->delay_source, on_delay_done, task, NULL);
  g_source_set_name (state->delay_source, "[sd-aws] retry delay");
  g_source_attach (state->delay_source, context);

  if (cancellable != NULL)
    {
      state->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (state->cancel_source, G_SOURCE_FUNC (on_delay_cancelled), task, NULL);
      g_source_attach (state->cancel_source, context);
    }
}

static gboolean
body_cut_short (SoupMessageHeaders *headers,
                const char         *method,
                GBytes             *bytes)
{
  return soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
         (goffset) g_bytes_get_size (bytes) < soup_message_headers_get_content_length (headers) &&
         g_strcmp0 (method, "HEAD") != 0;
}

static gboolean
on_deadline (gpointer user_data)
{
  SendState *state = user_data;

  state->deadline_passed = TRUE;
  sd_aws_wire_job_cancel (state->job);
  g_clear_pointer (&state->deadline_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* A fleet's refresh has hundreds of attempts out: a timeout source each
 * would be hundreds of sources for every pass of the caller's main loop to
 * look at. One timer holds them all, in the order of their deadlines. */
static gboolean
deadline_timer_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  SdAwsClient *self = ((SdAwsDeadlineTimer *) source)->client;
  gint64 now = g_source_get_time (source);
  SendState *state;

  while ((state = g_queue_peek_head (&self->deadlines)) != NULL && state->deadline_at <= now)
    {
      unqueue_deadline (state);
      state->deadline_passed = TRUE;
      sd_aws_wire_job_cancel (state->job);
    }
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs deadline_timer_funcs = {
  .dispatch = deadline_timer_dispatch,
};

static void
deadline_timer_update (SdAwsClient *self)
{
  SendState *first = g_queue_peek_head (&self->deadlines);

  if (self->deadline_timer != NULL)
    g_source_set_ready_time (self->deadline_timer, first != NULL ? first->deadline_at : -1);
}

static void
unqueue_deadline (SendState *state)
{
  SdAwsClient *self = state->deadline_client;
  gboolean first;

  if (self == NULL)
    return;
  first = self->deadlines.head == &state->deadline_link;
  g_queue_unlink (&self->deadlines, &state->deadline_link);
  state->deadline_client = NULL;
  if (first)
    deadline_timer_update (self);
}

/* Attempts are given the same timeout, so the queue is kept in order by
 * looking from its tail. */
static void
queue_deadline (SdAwsClient *self,
                SendState   *state)
{
  GList *before = self->deadlines.tail;

  while (before != NULL && ((SendState *) before->data)->deadline_at > state->deadline_at)
    before = before->prev;
  state->deadline_link.data = state;
  if (before == NULL)
    g_queue_push_head_link (&self->deadlines, &state->deadline_link);
  else
    g_queue_insert_after_link (&self->deadlines, before, &state->deadline_link);
  state->deadline_client = self;
  if (self->deadlines.head == &state->deadline_link)
    deadline_timer_update (self);
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      job)
{
  sd_aws_wire_job_cancel (job);
}

/* The attempt (sent already) is cancelled by the caller's cancellable or at
 * the deadline: libsoup's timeout only bounds each read, and a server
 * sending a byte now and then would otherwise hold the attempt forever. */
static void
start_deadline (GTask *task)
{
  SdAwsClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);
  guint seconds = self->timeout * ATTEMPT_DEADLINE_FACTOR;

  state->deadline_passed = FALSE;
  if (cancellable != NULL)
    state->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                        sd_aws_wire_job_ref (state->job),
                                                        (GDestroyNotify) sd_aws_wire_job_unref);
  if (self->deadline_timer == NULL)
    {
      self->deadline_timer = g_source_new (&deadline_timer_funcs, sizeof (SdAwsDeadlineTimer));
      ((SdAwsDeadlineTimer *) self->deadline_timer)->client = self;
      g_source_set_name (self->deadline_timer, "[sd-aws] attempt deadlines");
      g_source_attach (self->deadline_timer, context);
    }
  if (g_source_get_context (self->deadline_timer) == context)
    {
      state->deadline_at = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
      queue_deadline (self, state);
      return;
    }
  /* A sender on another thread's context: a timer of its own. */
  state->deadline_source = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (state->deadline_source, on_deadline, state, NULL);
  g_source_set_name (state->deadline_source, "[sd-aws] attempt deadline");
  g_source_attach (state->deadline_source, context);
}

static void
stop_deadline (GTask *task)
{
  SendState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  unqueue_deadline (state);
  if (state->deadline_source != NULL)
    {
      g_source_destroy (state->deadline_source);
      g_clear_pointer (&state->deadline_source, g_source_unref);
    }
  if (state->caller_cancelled_id != 0)
    g_cancellable_disconnect (cancellable, state->caller_cancelled_id);
  state->caller_cancelled_id = 0;
}

/* The wire's thread, once the answer is read: what it says (the JSON
 * parsed, or the AWS error found), kept in the state for handle_answer().
 * Reads only what the main loop leaves alone while the attempt is out. */
static void
answer_read (SdAwsWireJob *job,
             gpointer      user_data)
{
  SendState *state = g_task_get_task_data (user_data);
  SoupMessage *msg = sd_aws_wire_job_get_message (job);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  GBytes *bytes = sd_aws_wire_job_get_bytes (job);
  SdAwsAnswerContext context = { state->call, NULL, state->profile_label, state->region };

  if (bytes == NULL)
    return;
  /* libsoup may hand over a body shorter than its Content-Length when the
   * connection closes early: that is a connection cut short, not an answer. */
  if (body_cut_short (headers, soup_message_get_method (msg), bytes))
    {
      sd_aws_wire_job_fail (job, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                                      _("the connection closed before the whole "
                                                        "answer arrived")));
      return;
    }
  context.url = state->endpoint != NULL ? state->endpoint->url : state->call->url;
  state->answer_ok = sd_aws_answer_read (&context, soup_message_get_status (msg),
                                         soup_message_get_reason_phrase (msg), headers, bytes,
                                         &state->answer_object, &state->answer_code,
                                         &state->answer_error);
}

/* Ends the attempt, back on the main loop. */
static void
handle_answer (SdAwsWireJob *job,
               gpointer      user_data)
{
  GTask *task = user_data;
  SdAwsClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(SdAwsWireJob) attempt = g_steal_pointer (&state->job);
  SoupMessage *msg = sd_aws_wire_job_get_message (job);
  GBytes *bytes = sd_aws_wire_job_get_bytes (job);
  g_autoptr(GError) transport_error = sd_aws_wire_job_steal_error (job);
  g_autoptr(JsonObject) object = g_steal_pointer (&state->answer_object);
  g_autofree char *aws_code = g_steal_pointer (&state->answer_code);
  GError *error = g_steal_pointer (&state->answer_error);
  gboolean answer_ok = state->answer_ok;
  const char *url = state->endpoint != NULL ? state->endpoint->url : state->call->url;
  gboolean connection_error = FALSE;
  gboolean timeout = FALSE;
  guint delay_ms = 0;
  guint status = soup_message_get_status (msg);

  g_assert (attempt == job);
  state->answer_ok = FALSE;
  stop_deadline (task);
  release_slot (self, state);

  if (bytes == NULL && g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!state->deadline_passed)
        {
          return_error (task, g_steal_pointer (&transport_error));
          return;
        }
      g_clear_error (&transport_error);
      transport_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                             _("the answer did not arrive in time"));
    }

  if (bytes == NULL && g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      /* Not retried: the same server would send the same again. */
      g_autofree char *limit = g_format_size_full (sd_aws_call_get_answer_limit (state->call), G_FORMAT_SIZE_IEC_UNITS);

      g_debug ("%s answer over %s", state->call->operation, limit);
      sd_aws_error_set_service (&error, SD_AWS_ERROR_BAD_RESPONSE, NULL, NULL, status, NULL,
                                _("%s answered %s with more than %s, far more than any answer to it "
                                  "can hold, and it was not read: check the endpoint URL and any proxy."),
                                url, state->call->operation, limit);
      return_error (task, error);
      return;
    }

  if (bytes == NULL)
    {
      g_debug ("%s %s failed: %s", soup_message_get_method (msg),
               state->call->operation, transport_error->message);
      map_transport_error (state, msg, transport_error, &error, &connection_error, &timeout);
      status = 0;
    }
  else if (answer_ok)
    {
      if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
        {
          const char *rid = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                          "x-amzn-RequestId");

          g_debug ("Response %u for %s, request id %s, %" G_GSIZE_FORMAT " bytes", status,
                   state->call->operation, rid != NULL ? rid : "(none)", g_bytes_get_size (bytes));
        }
      finish_success (task, bytes, object);
      return;
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* A 2xx that is not an answer: not retried. */
      return_error (task, error);
      return;
    }
  else
    {
      g_debug ("Response %u for %s: %s", status, state->call->operation,
               aws_code != NULL ? aws_code : "(no AWS error code)");

      /* A rejected signature means nothing was applied: one re-sign with
       * the server's clock is safe even for a write. */
      if (state->endpoint != NULL && !state->skew_corrected && is_skew_code (aws_code) &&
          correct_clock_skew (self, msg))
        {
          state->skew_corrected = TRUE;
          g_clear_error (&error);
          state->attempt++;
          send_attempt (task);
          return;
        }

      if (state->credentials_from_provider &&
          (error->code == SD_AWS_ERROR_SIGNATURE || error->code == SD_AWS_ERROR_CREDENTIALS_EXPIRED))
        sd_aws_credential_provider_invalidate (sd_aws_client_get_credential_provider (self, state->call->profile));
    }

  if (sd_aws_retry_policy_acquire (self->retry, state->attempt, state->max_attempts,
                                   state->call->is_write, status, aws_code,
                                   connection_error, timeout, &delay_ms, &state->retry_cost))
    {
      g_debug ("%s attempt %u failed (%s); retrying", state->call->operation, state->attempt,
               error->message);
      g_clear_error (&error);
      schedule_retry (task, delay_ms);
      return;
    }

  return_error (task, error);
}

static char *
slot_key_for (SendState *state)
{
  g_autoptr(GUri) uri = NULL;

  if (state->endpoint != NULL)
    return g_strconcat (state->profile_label != NULL ? state->profile_label : "", "|",
                        state->endpoint->host, "|", state->endpoint->signing_region, NULL);
  uri = g_uri_parse (state->call->url, G_URI_FLAGS_NONE, NULL);
  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

static void
endpoint_slots_free (gpointer data)
{
  EndpointSlots *slots = data;

  /* Only reached at finalize, when no task can be waiting: each holds a client reference. */
  g_assert (g_queue_is_empty (&slots->waiting));
  g_free (slots);
}

/* Signs and sends the attempts waiting at the gate while fewer than
 * max_conns are out, for SEND_SLICE_USEC at most: a fleet's refresh starts
 * hundreds of calls at once, and signing them all in one go would hold the
 * main loop for tens of milliseconds. */
static gboolean
on_gate_pump (gpointer user_data)
{
  SdAwsClient *self = g_object_ref (user_data);
  gint64 end = g_get_monotonic_time () + SEND_SLICE_USEC;
  GTask *task;
  gboolean more;

  while (self->in_flight < self->max_conns && g_get_monotonic_time () < end &&
         (task = g_queue_pop_head (&self->gate)) != NULL)
    {
      SendState *state = g_task_get_task_data (task);

      self->in_flight++;
      state->through_gate = TRUE;
      send_attempt_now (task);
    }
  more = self->in_flight < self->max_conns && !g_queue_is_empty (&self->gate);
  if (!more)
    g_clear_pointer (&self->gate_pump, g_source_unref);
  g_object_unref (self);
  return more ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
gate_pump_start (SdAwsClient *self)
{
  if (self->gate_pump != NULL || g_queue_is_empty (&self->gate) ||
      self->in_flight >= self->max_conns)
    return;
  self->gate_pump = g_idle_source_new ();
  g_source_set_priority (self->gate_pump, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->gate_pump, on_gate_pump, self, NULL);
  g_source_set_name (self->gate_pump, "[sd-aws] sending");
  g_source_attach (self->gate_pump, g_main_context_get_thread_default ());
}

/* Queues the attempt (which holds its endpoint slot) to be handed to the
 * wire when fewer than max_conns are there. */
static void
gate_enter (GTask *task)
{
  SdAwsClient *self = g_task_get_source_object (task);

  g_queue_push_tail (&self->gate, task);
  gate_pump_start (self);
}

/* The attempt is out of libsoup: the next one waiting goes in. */
static void
gate_leave (SdAwsClient *self,
            SendState   *state)
{
  if (!state->through_gate)
    return;
  state->through_gate = FALSE;
  self->in_flight--;
  gate_pump_start (self);
}

/* Gives the attempt's endpoint slot back and starts the next attempt waiting for it. */
static void
release_slot (SdAwsClient *self,
              SendState   *state)
{
  g_autofree char *key = g_steal_pointer (&state->slot_key);
  EndpointSlots *slots;
  GTask *next;

  gate_leave (self, state);
  if (key == NULL)
    return;
  slots = g_hash_table_lookup (self->endpoints, key);
  g_assert (slots != NULL && slots->in_flight > 0);
  slots->in_flight--;

  next = g_queue_pop_head (&slots->waiting);
  if (next != NULL)
    {
      SendState *next_state = g_task_get_task_data (next);

      slots->in_flight++;
      next_state->slot_key = g_steal_pointer (&key);
      gate_enter (next);
    }
  else if (slots->in_flight == 0)
    g_hash_table_remove (self->endpoints, key);
}

/* Takes a slot of the attempt's endpoint, or queues the attempt until one frees. */
static void
send_attempt (GTask *task)
{
  SdAwsClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autofree char *key = slot_key_for (state);
  EndpointSlots *slots = g_hash_table_lookup (self->endpoints, key);

  if (slots == NULL)
    {
      slots = g_new0 (EndpointSlots, 1);
      g_queue_init (&slots->waiting);
      g_hash_table_insert (self->endpoints, g_strdup (key), slots);
    }

  if (slots->in_flight >= MAX_IN_FLIGHT_PER_ENDPOINT)
    {
      g_queue_push_tail (&slots->waiting, task);
      return;
    }
  slots->in_flight++;
  state->slot_key = g_steal_pointer (&key);
  gate_enter (task);
}

/* Signs one attempt (it holds an endpoint slot) and hands it to the wire. */
static void
send_attempt_now (GTask *task)
{
  SdAwsClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  SdAwsCall *call = state->call;
  /* The headers to sign include the session token. */
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_aws_wipe_free);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *sdk_request = NULL;
  g_autofree char *uri_text = NULL;
  GTlsDatabase *tls = NULL;
  GError *error = NULL;

  /* Cancelled while waiting for a slot. */
  if (g_task_return_error_if_cancelled (task))
    {
      release_slot (self, state);
      g_object_unref (task);
      return;
    }

  if (call->url != NULL)
    {
      msg = soup_message_new ("GET", call->url);
      if (msg == NULL)
        {
          g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT,
                       _("Could not build a request for %s"), call->url);
          release_slot (self, state);
          return_error (task, error);
          return;
        }
      for (guint i = 0; i + 1 < call->headers->len; i += 2)
        soup_message_headers_replace (soup_message_get_request_headers (msg),
                                      call->headers->pdata[i], call->headers->pdata[i + 1]);
    }
  else
    {
      msg = build_message (state, headers, &body, &error);
      if (msg == NULL || !sign_message (self, state, msg, headers, body, &error))
        {
          release_slot (self, state);
          return_error (task, error);
          return;
        }
    }

  sdk_request = g_strdup_printf ("attempt=%u; max=%u", state->attempt, state->max_attempts);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "amz-sdk-invocation-id", state->invocation_id);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "amz-sdk-request", sdk_request);

  uri_text = g_uri_to_string_partial (soup_message_get_uri (msg),
                                      call->url != NULL ? G_URI_HIDE_QUERY : G_URI_HIDE_NONE);
  g_debug ("%s %s (%s, attempt %u of %u, invocation %s)", soup_message_get_method (msg), uri_text,
           call->operation, state->attempt, state->max_attempts, state->invocation_id);

  /* libsoup sends POSTs on a fresh connection unless told they are
   * idempotent, and silently resends an idempotent request whose reused
   * connection closed: right for reads, never for writes. */
  soup_message_add_flags (msg, call->is_write ? SOUP_MESSAGE_NEW_CONNECTION : SOUP_MESSAGE_IDEMPOTENT);

  /* The system's roots plus AWS_CA_BUNDLE's or a profile's ca_bundle. */
  if (g_ascii_strcasecmp (g_uri_get_scheme (soup_message_get_uri (msg)), "https") == 0 &&
      tls_database (self) != NULL)
    tls = G_TLS_DATABASE (self->tls);
  if (self->wire == NULL)
    self->wire = sd_aws_wire_new (self->max_conns, self->timeout, self->proxy);
  state->job = sd_aws_wire_job_new (msg, state->endpoint != NULL ? state->endpoint->signing_region : "",
                                    tls, sd_aws_call_get_answer_limit (call), answer_read,
                                    handle_answer, task);
  sd_aws_wire_send (self->wire, state->job);
  start_deadline (task);
}

static guint
max_attempts_for (SdAwsClient *self,
                  const char  *profile)
{
  const char *env = g_getenv ("AWS_MAX_ATTEMPTS");
  const char *value = NULL;
  guint64 n;

  if (self->max_attempts > 0)
    return self->max_attempts;

  if (env != NULL && *env != '\0')
    value = env;
  else if (profile != NULL)
    value = sd_aws_config_get_profile_value (self->config, profile, "max_attempts");

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 100, &n, NULL))
    return (guint) n;

  return sd_aws_retry_policy_get_max_attempts (self->retry);
}

static void
on_credentials (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  SendState *state = g_task_get_task_data (task);
  GError *error = NULL;

  state->credentials = sd_aws_credential_provider_get_finish (SD_AWS_CREDENTIAL_PROVIDER (source),
                                                              res, &error);
  if (state->credentials == NULL)
    {
      return_error (task, error);
      return;
    }
  state->credentials_from_provider = TRUE;
  send_attempt (task);
}

/* Overrides */

static void
sd_aws_client_finalize (GObject *object)
{
  SdAwsClient *self = SD_AWS_CLIENT (object);

  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->endpoints, g_hash_table_unref);
  if (self->gate_pump != NULL)
    g_source_destroy (self->gate_pump);
  g_clear_pointer (&self->gate_pump, g_source_unref);
  /* Attempts still out (their tasks outlive the client) keep no link to it. */
  while (!g_queue_is_empty (&self->deadlines))
    unqueue_deadline (self->deadlines.head->data);
  if (self->deadline_timer != NULL)
    g_source_destroy (self->deadline_timer);
  g_clear_pointer (&self->deadline_timer, g_source_unref);
  g_clear_pointer (&self->wire, sd_aws_wire_free);
  g_clear_object (&self->proxy);
  g_clear_object (&self->tls);
  g_clear_pointer (&self->signer, sd_sigv4_signer_free);
  g_clear_pointer (&self->retry, sd_aws_retry_policy_free);
  g_clear_pointer (&self->config, sd_aws_config_unref);

  G_OBJECT_CLASS (sd_aws_client_parent_class)->finalize (object);
}

static void
sd_aws_client_class_init (SdAwsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_aws_client_finalize;
}

/* MAX_CONNS, or less when the file descriptor limit is low: sockets must
 * leave room for the app's own files. */
static guint
connection_cap (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur / 2 < MAX_CONNS)
    return MAX (16, (guint) (limit.rlim_cur / 2));
  return MAX_CONNS;
}

static void
sd_aws_client_init (SdAwsClient *self)
{
  g_auto(GStrv) envp = g_get_environ ();

  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  /* One host may take every connection: the gate keeps the total. */
  self->max_conns = connection_cap ();
  g_queue_init (&self->gate);
  /* HTTPS_PROXY and friends when set, else the desktop's settings. */
  self->proxy = sd_aws_proxy_resolver_new_from_environ ((const char * const *) envp);
  self->signer = sd_sigv4_signer_new ();
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) sd_aws_credentials_unref);
  self->retry = sd_aws_retry_policy_new (SD_AWS_RETRY_DEFAULT_MAX_ATTEMPTS);
  self->endpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, endpoint_slots_free);
}

/* Public API */

SdAwsClient *
sd_aws_client_new (SdAwsConfig *config)
{
  SdAwsClient *self = g_object_new (SD_TYPE_AWS_CLIENT, NULL);

  self->config = config != NULL ? sd_aws_config_ref (config) : sd_aws_config_load (NULL, NULL);
  return self;
}

SdAwsConfig *
sd_aws_client_get_config (SdAwsClient *self)
{
  g_return_val_if_fail (SD_IS_AWS_CLIENT (self), NULL);
  return self->config;
}

SdAwsCredentialProvider *
sd_aws_client_get_credential_provider (SdAwsClient *self,
                                       const char  *profile)
{
  SdAwsCredentialProvider *provider;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (self), NULL);

  provider = g_hash_table_lookup (self->providers, key_for_profile (profile));
  if (provider == NULL)
    {
      provider = sd_aws_credential_provider_new (self->config, profile, SD_AWS_CREDENTIAL_CALLS (self));
      g_hash_table_insert (self->providers, g_strdup (key_for_profile (profile)), provider);
    }
  return provider;
}

void
sd_aws_client_set_profile_credentials (SdAwsClient      *self,
                                       const char       *profile,
                                       SdAwsCredentials *credentials)
{
  g_return_if_fail (SD_IS_AWS_CLIENT (self));

  if (credentials != NULL)
    g_hash_table_replace (self->overrides, g_strdup (key_for_profile (profile)),
                          sd_aws_credentials_ref (credentials));
  else
    g_hash_table_remove (self->overrides, key_for_profile (profile));
}

void
sd_aws_client_set_timeout (SdAwsClient *self,
                           guint        seconds)
{
  g_return_if_fail (SD_IS_AWS_CLIENT (self));

  self->timeout = seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
  if (self->wire != NULL)
    sd_aws_wire_set_timeout (self->wire, self->timeout);
}

void
sd_aws_client_set_max_attempts (SdAwsClient *self,
                                guint        max_attempts)
{
  g_return_if_fail (SD_IS_AWS_CLIENT (self));
  self->max_attempts = max_attempts;
}

gint64
sd_aws_client_get_clock_offset (SdAwsClient *self)
{
  g_return_val_if_fail (SD_IS_AWS_CLIENT (self), 0);
  return self->clock_offset;
}

void
sd_aws_client_set_clock_offset (SdAwsClient *self,
                                gint64       seconds)
{
  g_return_if_fail (SD_IS_AWS_CLIENT (self));
  self->clock_offset = seconds;
}

SdAwsRetryPolicy *
sd_aws_client_get_retry_policy (SdAwsClient *self)
{
  g_return_val_if_fail (SD_IS_AWS_CLIENT (self), NULL);
  return self->retry;
}

void
sd_aws_client_send_async (SdAwsClient         *self,
                          SdAwsCall           *call,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendState *state;
  SdAwsCredentials *override;
  const char *region;
  GError *error = NULL;

  g_return_if_fail (SD_IS_AWS_CLIENT (self));
  g_return_if_fail (call != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_aws_client_send_async);

  state = g_new0 (SendState, 1);
  state->call = call;
  state->attempt = 1;
  state->invocation_id = g_uuid_string_random ();
  state->profile_label = g_strdup (call->profile != NULL ? call->profile
                                                         : sd_aws_config_default_profile_name ());
  g_task_set_task_data (task, state, send_state_free);

  if (!use_ca_bundle (self, state->profile_label, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (call->url != NULL)
    {
      state->max_attempts = max_attempts_for (self, NULL);
      send_attempt (g_steal_pointer (&task));
      return;
    }

  state->max_attempts = max_attempts_for (self, state->profile_label);

  region = call->region != NULL ? call->region : sd_aws_config_get_region (self->config, call->profile);
  /* A global service signs for its partition's one region whatever the region. */
  if (region == NULL && call->service->global)
    region = "us-east-1";
  if (region == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                               _("No region is set for profile “%s”: add “region = …” to its "
                                 "section of the AWS config file, or set AWS_REGION."),
                               state->profile_label);
      return;
    }
  state->region = g_strdup (region);

  state->endpoint = sd_aws_endpoint_resolve (call->service, region, self->config,
                                             state->profile_label, &error);
  if (state->endpoint == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  override = g_hash_table_lookup (self->overrides, key_for_profile (call->profile));
  if (call->credentials != NULL)
    state->credentials = sd_aws_credentials_ref (call->credentials);
  else if (override != NULL)
    state->credentials = sd_aws_credentials_ref (override);

  if (state->credentials != NULL)
    send_attempt (g_steal_pointer (&task));
  else
    sd_aws_credential_provider_get_async (sd_aws_client_get_credential_provider (self, call->profile),
                                          cancellable, on_credentials, g_steal_pointer (&task));
}

static SendResult *
send_finish_common (SdAwsClient   *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (SD_IS_AWS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sd_aws_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonObject *
sd_aws_client_send_finish (SdAwsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  SendResult *res = send_finish_common (self, result, error);
  JsonObject *object;

  if (res == NULL)
    return NULL;

  object = res->object != NULL ? json_object_ref (res->object) : NULL;
  send_result_free (res);
  g_return_val_if_fail (object != NULL, NULL); /* Query calls: use _finish_bytes() */
  return object;
}

GBytes *
sd_aws_client_send_finish_bytes (SdAwsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  SendResult *res = send_finish_common (self, result, error);
  GBytes *bytes;

  if (res == NULL)
    return NULL;

  bytes = g_steal_pointer (&res->bytes);
  send_result_free (res);
  return bytes;
}

void
sd_aws_client_send_json_async (SdAwsClient         *self,
                               const SdAwsService  *service,
                               const char          *operation,
                               const char          *profile,
                               const char          *region,
                               gboolean             is_write,
                               JsonObject          *input,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SdAwsCall *call = sd_aws_call_new (service, operation, profile, region);

  sd_aws_call_set_write (call, is_write);
  if (input != NULL)
    sd_aws_call_set_json_body (call, input);
  sd_aws_client_send_async (self, call, cancellable, callback, user_data);
}
