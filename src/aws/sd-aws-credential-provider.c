/* sd-aws-credential-provider.c — the credential chain of one profile
 *
 * The order follows botocore's chain for one profile: the environment (for
 * the profile chosen by default only), role_arn (STS AssumeRole), SSO,
 * static keys, credential_process. Everything that waits (a process, a
 * file, STS, the SSO portal) is asynchronous on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sd-aws-credential-calls.h"
#include "sd-aws-credential-provider.h"
#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-aws-io.h"
#include "sd-aws-json.h"
#include "sd-aws-sandbox.h"
#include "sd-sigv4.h"

/* Refresh credentials this long before they expire, as the SDKs do. */
#define REFRESH_MARGIN_SECONDS   (5 * 60)
/* A source_profile chain longer than this is a loop. */
#define MAX_CHAIN_DEPTH          8
/* A credential_process that has not answered by then is stopped. */
#define PROCESS_TIMEOUT_SECONDS  60
#define STDERR_SUMMARY_CHARS     300
/* What a credential_process may print on each of stdout and stderr. The
 * AWS CLI sets no limit; the answer is a JSON object of a few kilobytes
 * (keys and a session token), so 1 MiB leaves room for any helper's
 * logging on stderr while a runaway process cannot fill the memory. */
#define PROCESS_OUTPUT_LIMIT     (1024 * 1024)

/* The provider */

typedef struct
{
  GTask   *task;
  GSource *cancel_source;
} Waiter;

struct _SdAwsCredentialProvider
{
  GObject               parent_instance;

  SdAwsConfig          *config;             /* owned */
  char                 *profile;            /* the resolved name */
  gboolean              use_environment;    /* the profile was not named */
  SdAwsCredentialCalls *calls;              /* weak: STS and the SSO portal */
  SdAwsCredentials     *cached;             /* owned, may be NULL */
  GPtrArray            *waiters;            /* Waiter*, non-NULL while a fetch is in flight */
  GCancellable         *fetch_cancellable;  /* cancelled on dispose */
  guint                 generation;         /* bumped by invalidate() */
  SdAwsClockFunc        clock;              /* nullable: the real time */
  gpointer              clock_data;
};

G_DEFINE_FINAL_TYPE (SdAwsCredentialProvider, sd_aws_credential_provider, G_TYPE_OBJECT)

/* One resolution of one profile (recursive for source_profile). */
typedef struct
{
  char             *profile;
  gboolean          use_environment;
  guint             depth;
  /* AssumeRole */
  char             *role_arn;
  /* credential_process */
  GSubprocess      *subprocess;
  GCancellable     *process_cancellable;
  GCancellable     *task_cancellable;    /* the caller's, forwarded to process_cancellable */
  gulong            task_cancelled_id;
  guint             process_timeout_id;
  gboolean          process_timed_out;
  guint             process_pending;     /* parts not finished: stdout, stderr, exit */
  GBytes           *process_stdout;      /* holds the secrets */
  GBytes           *process_stderr;
  GError           *process_error;
  /* SSO */
  char             *sso_session_label;
  char             *sso_region;
  char             *sso_account;
  char             *sso_role;
} Resolve;

static void resolve_profile_async (SdAwsCredentialProvider *self,
                                   const char              *profile,
                                   gboolean                 use_environment,
                                   guint                    depth,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data);

static void
resolve_free (gpointer data)
{
  Resolve *r = data;

  g_clear_handle_id (&r->process_timeout_id, g_source_remove);
  if (r->task_cancellable != NULL)
    g_cancellable_disconnect (r->task_cancellable, r->task_cancelled_id);
  g_clear_object (&r->task_cancellable);
  g_clear_object (&r->subprocess);
  g_clear_object (&r->process_cancellable);
  g_clear_pointer (&r->process_stdout, sd_aws_wipe_bytes_unref);
  g_clear_pointer (&r->process_stderr, g_bytes_unref);
  g_clear_error (&r->process_error);
  g_free (r->profile);
  g_free (r->role_arn);
  g_free (r->sso_session_label);
  g_free (r->sso_region);
  g_free (r->sso_account);
  g_free (r->sso_role);
  g_free (r);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
config_file_name (void)
{
  const char *env = g_getenv ("AWS_CONFIG_FILE");
  return env != NULL && *env != '\0' ? env : "~/.aws/config";
}

static const char *
credentials_file_name (void)
{
  const char *env = g_getenv ("AWS_SHARED_CREDENTIALS_FILE");
  return env != NULL && *env != '\0' ? env : "~/.aws/credentials";
}

static const char *
profile_value (SdAwsCredentialProvider *self,
               const char              *profile,
               const char              *key)
{
  const char *value = sd_aws_config_get_profile_value (self->config, profile, key);
  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
env_value (const char *name)
{
  const char *value = g_getenv (name);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* Environment variables; NULL without error when they are not set. */
static SdAwsCredentials *
credentials_from_environment (GError **error)
{
  const char *akid = env_value ("AWS_ACCESS_KEY_ID");
  const char *secret = env_value ("AWS_SECRET_ACCESS_KEY");
  const char *token = env_value ("AWS_SESSION_TOKEN");
  const char *expiration_text = env_value ("AWS_CREDENTIAL_EXPIRATION");
  gint64 expiration = 0;

  if (akid == NULL && secret == NULL)
    return NULL;
  if (akid == NULL || secret == NULL)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                   _("%s is set but %s is not: set both, or neither."),
                   akid != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   akid != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }
  if (token == NULL)
    token = env_value ("AWS_SECURITY_TOKEN");
  if (expiration_text != NULL)
    sd_aws_parse_iso8601 (expiration_text, &expiration);

  return sd_aws_credentials_new (akid, secret, token, expiration, "environment");
}

/* The profile's static keys; NULL without error when it has none. */
static SdAwsCredentials *
credentials_from_static_keys (SdAwsCredentialProvider  *self,
                              const char               *profile,
                              GError                  **error)
{
  const char *akid = profile_value (self, profile, "aws_access_key_id");
  const char *secret = profile_value (self, profile, "aws_secret_access_key");
  const char *token = profile_value (self, profile, "aws_session_token");
  g_autofree char *source = NULL;

  if (akid == NULL && secret == NULL)
    return NULL;
  if (akid == NULL || secret == NULL)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                   _("Profile “%s” has %s but no %s: add it to %s, or remove the other."),
                   profile,
                   akid != NULL ? "aws_access_key_id" : "aws_secret_access_key",
                   akid != NULL ? "aws_secret_access_key" : "aws_access_key_id",
                   credentials_file_name ());
      return NULL;
    }
  if (token == NULL)
    token = profile_value (self, profile, "aws_security_token");

  source = g_strdup_printf ("profile %s", profile);
  return sd_aws_credentials_new (akid, secret, token, 0, source);
}

static gboolean
get_json_string (JsonObject  *object,
                 const char  *member,
                 const char **out)
{
  *out = sd_json_get_string (object, member);
  return *out != NULL && **out != '\0';
}

/* The first lines of a process's error output, for a message. */
static char *
summarize_stderr (GBytes *bytes)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gsize len = 0;
  const char *data;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  text = g_utf8_make_valid (data, len);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, " / ");
      g_string_append (out, lines[i]);
      if (g_utf8_strlen (out->str, -1) > STDERR_SUMMARY_CHARS)
        break;
    }
  if (g_utf8_strlen (out->str, -1) > STDERR_SUMMARY_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (out->str, STDERR_SUMMARY_CHARS);
      g_string_truncate (out, end - out->str);
      g_string_append (out, "…");
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* Parses what a credential_process printed. The text is never quoted in an
 * error: it holds the secret. */
static SdAwsCredentials *
parse_process_output (const char  *profile,
                      GBytes      *stdout_bytes,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *source = NULL;
  JsonObject *object;
  JsonNode *version;
  const char *akid = NULL;
  const char *secret = NULL;
  const char *token = NULL;
  const char *expiration_text = NULL;
  gint64 expiration = 0;
  gsize len = 0;
  const char *data = stdout_bytes != NULL ? g_bytes_get_data (stdout_bytes, &len) : NULL;

  if (data == NULL || len == 0 ||
      !sd_json_load (parser, data, len) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                   _("The credential_process of profile “%s” did not print a JSON object "
                     "(%lu bytes): check the command in %s."),
                   profile, (unsigned long) len, config_file_name ());
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_member (object, "Version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) != 1)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                   _("The credential_process of profile “%s” printed JSON without \"Version\": 1; "
                     "only version 1 is understood."), profile);
      return NULL;
    }

  if (!get_json_string (object, "AccessKeyId", &akid) ||
      !get_json_string (object, "SecretAccessKey", &secret))
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                   _("The credential_process of profile “%s” printed JSON without %s."),
                   profile, akid == NULL ? "AccessKeyId" : "SecretAccessKey");
      return NULL;
    }
  get_json_string (object, "SessionToken", &token);

  if (get_json_string (object, "Expiration", &expiration_text) &&
      !sd_aws_parse_iso8601 (expiration_text, &expiration))
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                   _("The credential_process of profile “%s” printed an Expiration that is not "
                     "an ISO 8601 time: “%s”."), profile, expiration_text);
      return NULL;
    }

  source = g_strdup_printf ("credential_process of profile %s", profile);
  return sd_aws_credentials_new (akid, secret, token, expiration, source);
}

/* credential_process */

static gboolean
on_process_timeout (gpointer user_data)
{
  Resolve *r = user_data;

  r->process_timeout_id = 0;
  r->process_timed_out = TRUE;
  g_cancellable_cancel (r->process_cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_task_cancelled (GCancellable *cancellable,
                   gpointer      process_cancellable)
{
  g_cancellable_cancel (process_cancellable);
}

/* Each of the three parts (stdout, stderr, exit) keeps the first failure and
 * stops the others: the process is killed and its reads cancelled. */
static void
process_part_failed (Resolve *r,
                     GError  *error)
{
  if (r->process_error == NULL)
    r->process_error = error;
  else
    g_error_free (error);
  g_subprocess_force_exit (r->subprocess);
  g_cancellable_cancel (r->process_cancellable);
}

static void
finish_process (GTask *task)
{
  Resolve *r = g_task_get_task_data (task);
  GSubprocess *subprocess = r->subprocess;
  g_autoptr(GError) error = g_steal_pointer (&r->process_error);
  g_autofree char *summary = NULL;
  SdAwsCredentials *credentials;

  g_clear_handle_id (&r->process_timeout_id, g_source_remove);

  if (r->process_timed_out)
    g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                             _("The credential_process of profile “%s” did not finish within "
                               "%d seconds: check the command in %s."),
                             r->profile, PROCESS_TIMEOUT_SECONDS, config_file_name ());
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                             _("The credential_process of profile “%s” printed more than %d MiB, "
                               "which no credentials need; it was stopped: check the command in %s."),
                             r->profile, PROCESS_OUTPUT_LIMIT / (1024 * 1024), config_file_name ());
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error != NULL)
    g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                             _("The credential_process of profile “%s” failed: %s"),
                             r->profile, error->message);
  else if (!g_subprocess_get_if_exited (subprocess) || g_subprocess_get_exit_status (subprocess) != 0)
    {
      summary = summarize_stderr (r->process_stderr);
      if (g_subprocess_get_if_exited (subprocess))
        g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                                 _("The credential_process of profile “%s” failed with exit status "
                                   "%d: %s"), r->profile, g_subprocess_get_exit_status (subprocess),
                                 summary != NULL ? summary : _("it printed no error message"));
      else
        g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                                 _("The credential_process of profile “%s” was killed by signal "
                                   "%d: %s"), r->profile, g_subprocess_get_term_sig (subprocess),
                                 summary != NULL ? summary : _("it printed no error message"));
    }
  else if ((credentials = parse_process_output (r->profile, r->process_stdout, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) sd_aws_credentials_unref);
}

static void
process_part_done (GTask *task)
{
  Resolve *r = g_task_get_task_data (task);

  if (--r->process_pending == 0)
    finish_process (task);
  g_object_unref (task);
}

static void
on_process_output (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Resolve *r = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *bytes = sd_aws_read_all_finish (G_INPUT_STREAM (source), res, &error);

  if (bytes == NULL)
    process_part_failed (r, error);
  else if (source == G_OBJECT (g_subprocess_get_stdout_pipe (r->subprocess)))
    r->process_stdout = bytes;
  else
    r->process_stderr = bytes;
  process_part_done (task);
}

static void
on_process_exited (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Resolve *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), res, &error))
    process_part_failed (r, error);
  process_part_done (task);
}

static void
run_credential_process (GTask      *task,
                        const char *command)
{
  Resolve *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  /* botocore splits the command as a shell would, without a shell. */
  if (!g_shell_parse_argv (command, NULL, &argv, &error))
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                               _("The credential_process of profile “%s” cannot be read as a "
                                 "command: %s"), r->profile, error->message);
      g_object_unref (task);
      return;
    }

  /* The user's helpers are installed on the host, out of the sandbox's sight. */
  if (sd_aws_sandbox_active ())
    {
      g_auto(GStrv) envp = g_get_environ ();
      char **host_argv = sd_aws_sandbox_host_argv ((const char * const *) argv,
                                                   (const char * const *) envp);

      g_strfreev (argv);
      argv = host_argv;
    }

  r->subprocess = g_subprocess_newv ((const char * const *) argv,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                     &error);
  if (r->subprocess == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIAL_PROCESS,
                               _("The credential_process of profile “%s” could not be started: %s"),
                               r->profile, error->message);
      g_object_unref (task);
      return;
    }

  /* Read both pipes to their end and wait for the exit, all at once; a
   * cancellable already cancelled stops it at once (g_cancellable_connect
   * calls back then). */
  r->process_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      r->task_cancellable = g_object_ref (cancellable);
      r->task_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_task_cancelled),
                                                    g_object_ref (r->process_cancellable),
                                                    g_object_unref);
    }
  r->process_timeout_id = g_timeout_add_seconds (PROCESS_TIMEOUT_SECONDS, on_process_timeout, r);
  r->process_pending = 3;
  sd_aws_read_all_async (g_subprocess_get_stdout_pipe (r->subprocess), PROCESS_OUTPUT_LIMIT,
                         r->process_cancellable, on_process_output, g_object_ref (task));
  sd_aws_read_all_async (g_subprocess_get_stderr_pipe (r->subprocess), PROCESS_OUTPUT_LIMIT,
                         r->process_cancellable, on_process_output, g_object_ref (task));
  g_subprocess_wait_async (r->subprocess, r->process_cancellable, on_process_exited, task);
}

/* STS AssumeRole */

static void
on_assume_role_done (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = sd_aws_credential_calls_assume_role_finish (SD_AWS_CREDENTIAL_CALLS (source), res,
                                                            &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&credentials),
                           (GDestroyNotify) sd_aws_credentials_unref);
}

static void
assume_role (GTask            *task,
             SdAwsCredentials *source_credentials)
{
  SdAwsCredentialProvider *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  const char *region = sd_aws_config_get_region (self->config, r->profile);
  const char *session_name = profile_value (self, r->profile, "role_session_name");
  const char *external_id = profile_value (self, r->profile, "external_id");
  const char *duration = profile_value (self, r->profile, "duration_seconds");
  g_autofree char *default_session = NULL;

  if (self->calls == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_FAILED,
                               _("Profile “%s” assumes a role, which needs a client to call STS."),
                               r->profile);
      g_object_unref (task);
      return;
    }

  if (session_name == NULL)
    session_name = default_session = g_strdup_printf ("ses-desk-%" G_GINT64_FORMAT, now_seconds ());

  g_debug ("Assuming role %s for profile %s", r->role_arn, r->profile);
  /* Without a region STS has one global endpoint in us-east-1. */
  sd_aws_credential_calls_assume_role_async (self->calls, r->profile,
                                             region != NULL ? region : "us-east-1", r->role_arn,
                                             session_name, external_id, duration, source_credentials,
                                             g_task_get_cancellable (task), on_assume_role_done, task);
}

static void
on_source_resolved (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Resolve *r = g_task_get_task_data (task);
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = g_task_propagate_pointer (G_TASK (res), &error);
  if (credentials == NULL)
    {
      if (error->domain == SD_AWS_ERROR)
        g_prefix_error (&error, _("Profile “%s” assumes role %s with the credentials of its "
                                  "source profile, which failed: "), r->profile, r->role_arn);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  assume_role (task, credentials);
}

/* Returns TRUE when @task was answered at once, FALSE when the role path
 * took its own reference to answer it later. */
static gboolean
start_assume_role (GTask      *task,
                   const char *role_arn)
{
  SdAwsCredentialProvider *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  const char *source_profile = profile_value (self, r->profile, "source_profile");
  const char *credential_source = profile_value (self, r->profile, "credential_source");
  g_autoptr(SdAwsCredentials) source_credentials = NULL;
  GError *error = NULL;

  r->role_arn = g_strdup (role_arn);

  if (profile_value (self, r->profile, "mfa_serial") != NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                               _("Profile “%s” assumes role %s with MFA (mfa_serial), which SES Desk "
                                 "does not support yet: get temporary credentials with `aws sts "
                                 "assume-role --serial-number … --token-code …` and put them in a "
                                 "profile of their own."), r->profile, role_arn);
      return TRUE;
    }

  if (source_profile != NULL && credential_source != NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                               _("Profile “%s” has both source_profile and credential_source: keep "
                                 "one of them in %s."), r->profile, config_file_name ());
      return TRUE;
    }

  if (source_profile != NULL)
    {
      /* A role whose source is itself uses the profile's own static keys. */
      if (g_str_equal (source_profile, r->profile))
        {
          source_credentials = credentials_from_static_keys (self, r->profile, &error);
          if (source_credentials == NULL)
            {
              if (error == NULL)
                g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                             _("Profile “%s” is its own source_profile but has no static keys."),
                             r->profile);
              g_task_return_error (task, error);
              return TRUE;
            }
          assume_role (g_object_ref (task), source_credentials);
          return FALSE;
        }
      if (r->depth + 1 >= MAX_CHAIN_DEPTH)
        {
          g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                                   _("The source_profile chain of profile “%s” is a loop or longer "
                                     "than %d profiles: check %s."), r->profile, MAX_CHAIN_DEPTH,
                                   config_file_name ());
          return TRUE;
        }
      resolve_profile_async (self, source_profile, FALSE, r->depth + 1,
                             g_task_get_cancellable (task), on_source_resolved, g_object_ref (task));
      return FALSE;
    }

  if (credential_source != NULL)
    {
      if (g_ascii_strcasecmp (credential_source, "Environment") != 0)
        {
          g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                                   _("Profile “%s” takes its credentials from %s, which SES Desk "
                                     "does not support: use Environment or a source_profile."),
                                   r->profile, credential_source);
          return TRUE;
        }
      source_credentials = credentials_from_environment (&error);
      if (source_credentials == NULL)
        {
          if (error == NULL)
            g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                         _("Profile “%s” assumes role %s with the environment's credentials, but "
                           "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."),
                         r->profile, role_arn);
          g_task_return_error (task, error);
          return TRUE;
        }
      assume_role (g_object_ref (task), source_credentials);
      return FALSE;
    }

  g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                           _("Profile “%s” has role_arn but neither source_profile nor "
                             "credential_source: add one to %s."), r->profile, config_file_name ());
  return TRUE;
}

/* SSO */

static char *
sso_login_hint (const char *profile)
{
  return g_strdup_printf (_("run `aws sso login --profile %s`"), profile);
}

static void
on_role_credentials (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Resolve *r = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = sso_login_hint (r->profile);
  g_autofree char *source_label = NULL;
  JsonObject *role;
  JsonNode *node;
  const char *akid = NULL;
  const char *secret = NULL;
  const char *token = NULL;
  gint64 expiration_ms;

  answer = sd_aws_credential_calls_get_role_credentials_finish (SD_AWS_CREDENTIAL_CALLS (source), res,
                                                                &error);
  if (answer == NULL)
    {
      const char *code = sd_aws_error_get_aws_code (error);

      if (g_strcmp0 (code, "UnauthorizedException") == 0 || sd_aws_error_get_http_status (error) == 401)
        g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED,
                                 _("The SSO session %s was refused by the SSO portal: %s."),
                                 r->sso_session_label, hint);
      else
        {
          if (error->domain == SD_AWS_ERROR)
            g_prefix_error (&error, _("Could not get the SSO role credentials of profile “%s”: "),
                            r->profile);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  node = json_object_get_member (answer, "roleCredentials");
  role = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (role == NULL || !get_json_string (role, "accessKeyId", &akid) ||
      !get_json_string (role, "secretAccessKey", &secret))
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_BAD_RESPONSE,
                               _("The SSO portal answered without role credentials for profile “%s”."),
                               r->profile);
      return;
    }
  get_json_string (role, "sessionToken", &token);
  /* Milliseconds since the epoch. */
  node = json_object_get_member (role, "expiration");
  expiration_ms = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                  json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;

  source_label = g_strdup_printf ("SSO (profile %s)", r->profile);
  g_task_return_pointer (task,
                         sd_aws_credentials_new (akid, secret, token, expiration_ms / 1000, source_label),
                         (GDestroyNotify) sd_aws_credentials_unref);
}

static void
on_sso_cache_loaded (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  GTask *task = user_data;
  SdAwsCredentialProvider *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SdAwsSecret) contents = NULL;   /* holds the access token */
  g_autofree char *hint = sso_login_hint (r->profile);
  g_autoptr(SdAwsEndpoint) portal = NULL;
  g_autofree char *account = NULL;
  g_autofree char *role = NULL;
  g_autofree char *url = NULL;
  const char *token = NULL;
  const char *expires_text = NULL;
  gint64 expires = 0;
  gsize len = 0;
  JsonObject *object;

  if (!g_file_load_contents_finish (G_FILE (source), res, &contents, &len, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED,
                                 _("There is no SSO session %s for profile “%s” on this computer: %s."),
                                 r->sso_session_label, r->profile, hint);
      g_object_unref (task);
      return;
    }

  object = sd_json_load (parser, contents, len) &&
           JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (object == NULL ||
      !get_json_string (object, "accessToken", &token) ||
      !get_json_string (object, "expiresAt", &expires_text) ||
      !sd_aws_parse_iso8601 (expires_text, &expires))
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED,
                               _("The SSO session %s of profile “%s” could not be read from the AWS "
                                 "CLI's cache: %s."), r->sso_session_label, r->profile, hint);
      g_object_unref (task);
      return;
    }

  if (expires <= now_seconds ())
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED,
                               _("The SSO session %s of profile “%s” has expired: %s."),
                               r->sso_session_label, r->profile, hint);
      g_object_unref (task);
      return;
    }

  /* The portal gets the bearer token: its region and any endpoint override
   * pass the same checks as every other service's. */
  portal = sd_aws_endpoint_resolve (&sd_aws_service_sso, r->sso_region, self->config, r->profile,
                                    &error);
  if (portal == NULL)
    {
      g_prefix_error (&error, _("The SSO settings of profile “%s” cannot be used: "), r->profile);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  account = sd_sigv4_uri_encode (r->sso_account, -1, FALSE);
  role = sd_sigv4_uri_encode (r->sso_role, -1, FALSE);
  url = g_strdup_printf ("%s/federation/credentials?account_id=%s&role_name=%s", portal->url,
                         account, role);

  if (self->calls == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_FAILED,
                               _("Profile “%s” uses SSO, which needs a client to call the SSO portal."),
                               r->profile);
      g_object_unref (task);
      return;
    }

  /* The call keeps its own copy; the parsed cache's goes once it is made. */
  sd_aws_credential_calls_get_role_credentials_async (self->calls, url, token,
                                                      g_task_get_cancellable (task),
                                                      on_role_credentials, task);
  sd_aws_wipe ((char *) token, strlen (token));
}

static void
start_sso (GTask *task)
{
  SdAwsCredentialProvider *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  const char *session_name = profile_value (self, r->profile, "sso_session");
  const char *start_url;
  const char *cache_key;
  g_autofree char *hash = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (session_name != NULL)
    {
      const SdAwsSection *section = sd_aws_config_get_sso_session (self->config, session_name);

      if (section == NULL)
        {
          g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                                   _("Profile “%s” uses SSO session “%s”, which has no "
                                     "[sso-session %s] section in %s."),
                                   r->profile, session_name, session_name, config_file_name ());
          g_object_unref (task);
          return;
        }
      start_url = sd_aws_section_get (section, "sso_start_url");
      r->sso_region = g_strdup (sd_aws_section_get (section, "sso_region"));
      r->sso_session_label = g_strdup_printf ("“%s”", session_name);
      cache_key = session_name;
    }
  else
    {
      start_url = profile_value (self, r->profile, "sso_start_url");
      r->sso_region = g_strdup (profile_value (self, r->profile, "sso_region"));
      r->sso_session_label = g_strdup_printf ("of %s", start_url);
      cache_key = start_url;
    }

  r->sso_account = g_strdup (profile_value (self, r->profile, "sso_account_id"));
  r->sso_role = g_strdup (profile_value (self, r->profile, "sso_role_name"));
  if (start_url == NULL || r->sso_region == NULL || r->sso_account == NULL || r->sso_role == NULL)
    {
      g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                               _("Profile “%s” uses SSO but lacks %s: run `aws configure sso "
                                 "--profile %s`."), r->profile,
                               start_url == NULL ? "sso_start_url"
                               : r->sso_region == NULL ? "sso_region"
                               : r->sso_account == NULL ? "sso_account_id" : "sso_role_name",
                               r->profile);
      g_object_unref (task);
      return;
    }

  /* The AWS CLI names its token cache after the SHA-1 of the session name
   * (or of the start URL for the legacy settings). */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, cache_key, -1);
  file_name = g_strconcat (hash, ".json", NULL);
  path = g_build_filename (g_get_home_dir (), ".aws", "sso", "cache", file_name, NULL);
  file = g_file_new_for_path (path);
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_sso_cache_loaded, task);
}

/* The chain */

static void
resolve_profile_async (SdAwsCredentialProvider *self,
                       const char              *profile,
                       gboolean                 use_environment,
                       guint                    depth,
                       GCancellable            *cancellable,
                       GAsyncReadyCallback      callback,
                       gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SdAwsCredentials) credentials = NULL;
  Resolve *r = g_new0 (Resolve, 1);
  const char *role_arn;
  const char *process;
  GError *error = NULL;

  g_task_set_source_tag (task, resolve_profile_async);
  r->profile = g_strdup (profile);
  r->use_environment = use_environment;
  r->depth = depth;
  g_task_set_task_data (task, r, resolve_free);

  if (use_environment)
    {
      credentials = credentials_from_environment (&error);
      if (credentials != NULL || error != NULL)
        goto out;
    }

  if (!sd_aws_config_has_profile (self->config, profile))
    {
      /* A missing [default] is no mistake when nothing asked for it. */
      if (use_environment && g_str_equal (profile, "default"))
        g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
                     _("No AWS credentials were found: run `aws configure`, set "
                       "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add an account."));
      else
        g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_NO_PROFILE,
                     _("The profile “%s” does not exist in %s or %s."),
                     profile, config_file_name (), credentials_file_name ());
      goto out;
    }

  role_arn = profile_value (self, profile, "role_arn");
  if (role_arn != NULL)
    {
      /* Either returns at once or holds its own reference to @task. */
      start_assume_role (task, role_arn);
      return;
    }

  if (profile_value (self, profile, "sso_session") != NULL ||
      profile_value (self, profile, "sso_start_url") != NULL)
    {
      start_sso (g_steal_pointer (&task));
      return;
    }

  credentials = credentials_from_static_keys (self, profile, &error);
  if (credentials != NULL || error != NULL)
    goto out;

  process = profile_value (self, profile, "credential_process");
  if (process != NULL)
    {
      run_credential_process (g_steal_pointer (&task), process);
      return;
    }

  g_set_error (&error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS,
               _("Profile “%s” has no credentials: add aws_access_key_id and aws_secret_access_key "
                 "(`aws configure --profile %s`), credential_process, role_arn or SSO settings."),
               profile, profile);

out:
  if (credentials != NULL)
    g_task_return_pointer (task, g_steal_pointer (&credentials),
                           (GDestroyNotify) sd_aws_credentials_unref);
  else
    g_task_return_error (task, error);
}

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  SdAwsCredentialProvider *self = g_task_get_source_object (waiter->task);
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (waiter->task, error);
  /* The fetch goes on for the other waiters, and fills the cache. */
  g_ptr_array_remove (self->waiters, waiter);
  return G_SOURCE_REMOVE;
}

static void
on_fetch_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  SdAwsCredentialProvider *self = SD_AWS_CREDENTIAL_PROVIDER (source);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr(GError) error = NULL;

  credentials = g_task_propagate_pointer (G_TASK (res), &error);
  if (credentials != NULL)
    {
      g_debug ("Credentials of profile %s from %s", self->profile,
               sd_aws_credentials_get_source (credentials));
      if (generation == self->generation)
        {
          g_clear_pointer (&self->cached, sd_aws_credentials_unref);
          self->cached = sd_aws_credentials_ref (credentials);
        }
    }

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      Waiter *waiter = waiters->pdata[i];

      if (credentials != NULL)
        g_task_return_pointer (waiter->task, sd_aws_credentials_ref (credentials),
                               (GDestroyNotify) sd_aws_credentials_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

/* Overrides */

static void
sd_aws_credential_provider_dispose (GObject *object)
{
  SdAwsCredentialProvider *self = SD_AWS_CREDENTIAL_PROVIDER (object);

  g_cancellable_cancel (self->fetch_cancellable);
  if (self->calls != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->calls), (gpointer *) &self->calls);
      self->calls = NULL;
    }

  G_OBJECT_CLASS (sd_aws_credential_provider_parent_class)->dispose (object);
}

static void
sd_aws_credential_provider_finalize (GObject *object)
{
  SdAwsCredentialProvider *self = SD_AWS_CREDENTIAL_PROVIDER (object);

  g_clear_pointer (&self->cached, sd_aws_credentials_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->config, sd_aws_config_unref);
  g_free (self->profile);

  G_OBJECT_CLASS (sd_aws_credential_provider_parent_class)->finalize (object);
}

static void
sd_aws_credential_provider_class_init (SdAwsCredentialProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_aws_credential_provider_dispose;
  object_class->finalize = sd_aws_credential_provider_finalize;
}

static void
sd_aws_credential_provider_init (SdAwsCredentialProvider *self)
{
  self->fetch_cancellable = g_cancellable_new ();
}

/* Public API */

SdAwsCredentialProvider *
sd_aws_credential_provider_new (SdAwsConfig          *config,
                                const char           *profile,
                                SdAwsCredentialCalls *calls)
{
  SdAwsCredentialProvider *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (SD_TYPE_AWS_CREDENTIAL_PROVIDER, NULL);
  self->config = sd_aws_config_ref (config);
  /* The default profile's name for a profile the files do not have: the
   * environment's keys, as the AWS CLI without --profile. */
  self->use_environment = profile == NULL ||
                          (g_str_equal (profile, sd_aws_config_default_profile_name ()) &&
                           !sd_aws_config_has_profile (config, profile));
  self->profile = g_strdup (profile != NULL ? profile : sd_aws_config_default_profile_name ());
  if (calls != NULL)
    {
      self->calls = calls;
      g_object_add_weak_pointer (G_OBJECT (calls), (gpointer *) &self->calls);
    }
  return self;
}

gboolean
sd_aws_credentials_in_environment (void)
{
  return env_value ("AWS_ACCESS_KEY_ID") != NULL && env_value ("AWS_SECRET_ACCESS_KEY") != NULL;
}

const char *
sd_aws_credential_provider_get_profile (SdAwsCredentialProvider *self)
{
  g_return_val_if_fail (SD_IS_AWS_CREDENTIAL_PROVIDER (self), NULL);
  return self->profile;
}

void
sd_aws_credential_provider_get_async (SdAwsCredentialProvider *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (SD_IS_AWS_CREDENTIAL_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_aws_credential_provider_get_async);

  if (self->cached != NULL &&
      !sd_aws_credentials_expires_within (self->cached,
                                          self->clock != NULL ? self->clock (self->clock_data)
                                                              : now_seconds (),
                                          REFRESH_MARGIN_SECONDS))
    {
      g_task_return_pointer (task, sd_aws_credentials_ref (self->cached),
                             (GDestroyNotify) sd_aws_credentials_unref);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_waiter_cancelled), waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (waiter->task));
    }

  if (self->waiters != NULL)
    {
      g_ptr_array_add (self->waiters, waiter);
      return;
    }

  self->waiters = g_ptr_array_new_with_free_func (waiter_free);
  g_ptr_array_add (self->waiters, waiter);
  resolve_profile_async (self, self->profile, self->use_environment, 0, self->fetch_cancellable,
                         on_fetch_done, GUINT_TO_POINTER (self->generation));
}

SdAwsCredentials *
sd_aws_credential_provider_get_finish (SdAwsCredentialProvider  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  g_return_val_if_fail (SD_IS_AWS_CREDENTIAL_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sd_aws_credential_provider_set_clock (SdAwsCredentialProvider *self,
                                      SdAwsClockFunc           clock,
                                      gpointer                 user_data)
{
  g_return_if_fail (SD_IS_AWS_CREDENTIAL_PROVIDER (self));

  self->clock = clock;
  self->clock_data = user_data;
}

void
sd_aws_credential_provider_invalidate (SdAwsCredentialProvider *self)
{
  g_return_if_fail (SD_IS_AWS_CREDENTIAL_PROVIDER (self));

  g_clear_pointer (&self->cached, sd_aws_credentials_unref);
  self->generation++;
}
