/* sd-aws-config.c — the shared config and credentials files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what botocore's configloader (Python's configparser underneath)
 * reads, so a file the AWS CLI accepts means the same here:
 *  - config file: "[default]" and "[profile NAME]" are profiles, plus
 *    "[sso-session NAME]" and "[services NAME]"; other sections are checked
 *    and ignored. Credentials file: every "[NAME]" is a profile.
 *  - "key = value" or "key: value" (the first '=' or ':'); keys lower-cased,
 *    keys and values trimmed.
 *  - a line whose first non-blank character is '#' or ';' is a comment.
 *  - a line indented deeper than the key above it continues that key: when
 *    the key's value is empty the lines are a nested sub-section of
 *    "k = v" ("sesv2 =" then "  endpoint_url = …"), otherwise more lines of
 *    the value (joined with "\n").
 * Where botocore is silent or gives up, the AWS SDKs' shared-config rules:
 *  - '#' or ';' after whitespace starts an inline comment (botocore keeps it
 *    in the value; a header may be followed by a comment directly);
 *  - "[profile default]" wins over "[default]"; a repeated section is
 *    merged, the later key winning (configparser rejects the file);
 *  - a malformed line is reported with its file and line number and skipped;
 *    a malformed header loses that section only (botocore rejects the file).
 * Inputs are arbitrary bytes: lines with NUL or invalid UTF-8 are reported
 * and skipped, files above MAX_FILE_SIZE are refused, and the number of
 * problems kept per file is capped.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-aws-config.h"
#include "sd-aws-sandbox.h"
#include "sd-aws-error.h"

/* Real files are a few KiB: anything larger is not a config file. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)
/* A garbage file would otherwise give one problem per line. */
#define MAX_PROBLEMS_PER_FILE 50
#define BLANKS " \t\r\f\v"

struct _SdAwsSection
{
  char             *name;
  SdAwsSectionKind  kind;
  GHashTable       *values;  /* key → value (owned strings) */
  GHashTable       *nested;  /* key → GHashTable of key → value */
};

struct _SdAwsConfig
{
  GHashTable *profiles;      /* name → SdAwsSection, from the config file */
  GHashTable *credentials;   /* name → SdAwsSection, from the credentials file */
  GHashTable *sso_sessions;  /* name → SdAwsSection */
  GHashTable *services;      /* name → SdAwsSection */
  GHashTable *memory;        /* name → SdAwsSection: sd_aws_config_add_profile()'s */
  GPtrArray  *problems;      /* GError */
};

typedef struct
{
  SdAwsConfig  *config;
  const char   *file_name;      /* as shown in messages */
  gboolean      credentials;    /* a credentials file: no "profile " prefix */
  guint         line;
  guint         n_problems;
  SdAwsSection *section;        /* where keys go; NULL before any header or after a bad one */
  gboolean      lost;           /* skipping a section that could not be read */
  SdAwsSection *plain_default;  /* the config file's "[default]" */
  SdAwsSection *scratch;        /* an ignored section, parsed to report its errors */
  char         *key;            /* the section's last key, which indented lines continue */
  gsize         key_indent;
  gboolean      key_has_value;
  GString      *value;          /* the last key's value while indented lines add to it */
  GHashTable   *nested;         /* the last key's sub-section, once it has one */
} Parser;

G_DEFINE_BOXED_TYPE (SdAwsConfig, sd_aws_config, sd_aws_config_ref, sd_aws_config_unref)

/* Auxiliary functions */

static SdAwsSection *
section_new (const char       *name,
             SdAwsSectionKind  kind)
{
  SdAwsSection *self = g_new0 (SdAwsSection, 1);

  self->name = g_strdup (name);
  self->kind = kind;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->nested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  return self;
}

static void
section_free (SdAwsSection *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->nested);
  g_free (self);
}

static GHashTable *
section_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) section_free);
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, g_error_new_literal (SD_AWS_ERROR, SD_AWS_ERROR_CONFIG, message));
}

/* Reports the current line. The line's text is never quoted: it may hold a secret. */
static void
parser_problem (Parser     *p,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
parser_problem (Parser     *p,
                const char *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (++p->n_problems > MAX_PROBLEMS_PER_FILE)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "~/.aws/config line 12: expected “key = value”" */
  add_problem (p->config->problems, _("%s line %u: %s"), p->file_name, p->line, what);
}

/* Stores the value that continuation lines were adding to. */
static void
parser_flush_value (Parser *p)
{
  if (p->value == NULL)
    return;
  g_hash_table_replace (p->section->values, g_strdup (p->key), g_string_free (p->value, FALSE));
  p->value = NULL;
}

static void
parser_forget_key (Parser *p)
{
  parser_flush_value (p);
  g_clear_pointer (&p->key, g_free);
  p->nested = NULL;
}

/* Moves to a section that cannot be read: its lines are skipped quietly. */
static void
parser_lose_section (Parser *p)
{
  parser_forget_key (p);
  p->section = NULL;
  p->lost = TRUE;
}

static void
parser_enter (Parser           *p,
              GHashTable       *table,
              const char       *name,
              SdAwsSectionKind  kind)
{
  SdAwsSection *section = g_hash_table_lookup (table, name);

  if (section == NULL)
    {
      section = section_new (name, kind);
      g_hash_table_insert (table, g_strdup (name), section);
    }
  p->section = section;
  p->lost = FALSE;
}

/* Cuts an inline comment: '#' or ';' following whitespace. */
static void
strip_inline_comment (char *text)
{
  for (gsize i = 1; text[i] != '\0'; i++)
    {
      if ((text[i] == '#' || text[i] == ';') && strchr (BLANKS, text[i - 1]) != NULL)
        {
          text[i] = '\0';
          break;
        }
    }
  g_strchomp (text);
}

/* TRUE when @header is @word alone or @word, blanks and a name; *name then
 * points at the name, trimmed and unquoted (botocore splits it with shlex). */
static gboolean
header_has_prefix (char        *header,
                   const char  *word,
                   char       **name)
{
  gsize len = strlen (word);
  gsize name_len;

  if (strncmp (header, word, len) != 0 ||
      (header[len] != '\0' && strchr (BLANKS, header[len]) == NULL))
    return FALSE;

  *name = g_strstrip (header + len);
  name_len = strlen (*name);
  if (name_len >= 2 && (*name)[0] == '"' && (*name)[name_len - 1] == '"')
    {
      (*name)[name_len - 1] = '\0';
      (*name)++;
    }
  return TRUE;
}

static void
parse_header (Parser *p,
              char   *text)
{
  static const struct {
    const char       *word;
    SdAwsSectionKind  kind;
    gsize             table_offset;
  } prefixes[] = {
    { "profile", SD_AWS_SECTION_PROFILE, G_STRUCT_OFFSET (SdAwsConfig, profiles) },
    { "sso-session", SD_AWS_SECTION_SSO_SESSION, G_STRUCT_OFFSET (SdAwsConfig, sso_sessions) },
    { "services", SD_AWS_SECTION_SERVICES, G_STRUCT_OFFSET (SdAwsConfig, services) },
  };
  char *close = strchr (text, ']');
  char *header;
  char *rest;

  parser_lose_section (p);

  if (close == NULL)
    {
      parser_problem (p, _("the section header has no closing “]”; the section is ignored"));
      return;
    }
  rest = close + strspn (close + 1, BLANKS) + 1;
  if (*rest != '\0' && *rest != '#' && *rest != ';')
    {
      parser_problem (p, _("unexpected text after the section header; the section is ignored"));
      return;
    }
  *close = '\0';
  header = g_strstrip (text + 1);

  if (*header == '\0')
    {
      parser_problem (p, _("the section header has no name; the section is ignored"));
      return;
    }

  if (p->credentials)
    {
      parser_enter (p, p->config->credentials, header, SD_AWS_SECTION_PROFILE);
      return;
    }

  if (strcmp (header, "default") == 0)
    {
      if (p->plain_default == NULL)
        p->plain_default = section_new ("default", SD_AWS_SECTION_PROFILE);
      p->section = p->plain_default;
      p->lost = FALSE;
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      char *name;

      if (!header_has_prefix (header, prefixes[i].word, &name))
        continue;

      if (*name == '\0')
        parser_problem (p, _("“[%s]” needs a name; the section is ignored"), prefixes[i].word);
      else if (strpbrk (name, BLANKS "\"") != NULL)
        parser_problem (p, _("the name in “[%s …]” must not contain spaces or quotes; "
                             "the section is ignored"), prefixes[i].word);
      else
        parser_enter (p, G_STRUCT_MEMBER (GHashTable *, p->config, prefixes[i].table_offset),
                      name, prefixes[i].kind);
      return;
    }

  /* Not ours ("[plugins]", "[preview]"): checked for errors, then dropped. */
  section_free (p->scratch);
  p->scratch = section_new (header, SD_AWS_SECTION_PROFILE);
  p->section = p->scratch;
  p->lost = FALSE;
}

static void
parse_option (Parser *p,
              char   *text,
              gsize   indent)
{
  char *sep;
  char *key;
  char *value;

  parser_flush_value (p);
  strip_inline_comment (text);
  sep = strpbrk (text, "=:");
  if (sep == NULL)
    {
      if (indent > 0 && p->key == NULL)
        parser_problem (p, _("indented line with no key above it"));
      else
        parser_problem (p, _("expected “key = value”"));
      return;
    }

  *sep = '\0';
  key = g_ascii_strdown (g_strchomp (text), -1);
  value = g_strstrip (sep + 1);
  if (*key == '\0')
    {
      parser_problem (p, _("expected “key = value” but the key is missing"));
      g_free (key);
      return;
    }

  g_hash_table_remove (p->section->nested, key);
  g_hash_table_replace (p->section->values, g_strdup (key), g_strdup (value));

  parser_forget_key (p);
  p->key = key;
  p->key_indent = indent;
  p->key_has_value = *value != '\0';
}

/* A line indented under p->key. */
static void
parse_continuation (Parser *p,
                    char   *text)
{
  char *sep;
  char *key;

  strip_inline_comment (text);

  /* Appended in place: copying the value for every line would make a long
   * value's parse quadratic. */
  if (p->key_has_value)
    {
      if (p->value == NULL)
        p->value = g_string_new (g_hash_table_lookup (p->section->values, p->key));
      g_string_append_c (p->value, '\n');
      g_string_append (p->value, text);
      return;
    }

  if (p->nested == NULL)
    {
      p->nested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_remove (p->section->values, p->key);
      g_hash_table_replace (p->section->nested, g_strdup (p->key), p->nested);
    }

  /* botocore splits nested lines on '=' only and keeps the key's case. */
  sep = strchr (text, '=');
  if (sep == NULL)
    {
      parser_problem (p, _("expected “key = value” inside “%s”"), p->key);
      return;
    }
  *sep = '\0';
  key = g_strchomp (text);
  if (*key == '\0')
    {
      parser_problem (p, _("expected “key = value” inside “%s” but the key is missing"), p->key);
      return;
    }
  g_hash_table_replace (p->nested, g_strdup (key), g_strdup (g_strstrip (sep + 1)));
}

/* @line is valid UTF-8 without its newline. */
static void
parse_line (Parser *p,
            char   *line)
{
  gsize indent = strspn (line, BLANKS);
  char *text = g_strchomp (line + indent);

  /* Blank lines and comments do not end a key's continuation (configparser). */
  if (*text == '\0' || *text == '#' || *text == ';')
    return;

  if (p->key != NULL && indent > p->key_indent)
    parse_continuation (p, text);
  else if (*text == '[')
    parse_header (p, text);
  else if (p->lost)
    return;
  else if (p->section == NULL)
    {
      parser_problem (p, _("text before the first section header"));
      p->lost = TRUE;
    }
  else
    parse_option (p, text, indent);
}

static void
parse_text (SdAwsConfig *config,
            const char  *file_name,
            const char  *text,
            gsize        length,
            gboolean     credentials)
{
  Parser p = { .config = config, .file_name = file_name, .credentials = credentials };
  g_autoptr(GString) line = g_string_new (NULL);
  const char *end;

  if (text == NULL)
    {
      text = "";
      length = 0;
    }
  end = text + length;

  /* A UTF-8 byte order mark (Windows editors) is not part of the first line. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    text += 3;

  while (text < end)
    {
      const char *newline = memchr (text, '\n', end - text);
      gsize len = (newline ? newline : end) - text;
      const char *bad = NULL;

      p.line++;
      if (memchr (text, '\0', len) != NULL)
        bad = _("the line contains a NUL byte; it is ignored");
      else if (!g_utf8_validate_len (text, len, NULL))
        bad = _("the line is not valid UTF-8; it is ignored");

      if (bad == NULL)
        {
          /* One buffer for every line: a file of many short lines costs no
           * allocation a line. */
          g_string_truncate (line, 0);
          g_string_append_len (line, text, len);
          parse_line (&p, line->str);
        }
      else
        {
          parser_problem (&p, "%s", bad);
          /* What follows a header we cannot read belongs to no known section. */
          if (text[strspn (text, BLANKS)] == '[')
            parser_lose_section (&p);
        }
      text = newline ? newline + 1 : end;
    }

  if (p.n_problems > MAX_PROBLEMS_PER_FILE)
    add_problem (config->problems,
                 g_dngettext (GETTEXT_PACKAGE, "%s: %u more problem not shown",
                              "%s: %u more problems not shown",
                              p.n_problems - MAX_PROBLEMS_PER_FILE),
                 file_name, p.n_problems - MAX_PROBLEMS_PER_FILE);

  parser_forget_key (&p);
  if (p.plain_default != NULL && !g_hash_table_contains (config->profiles, "default"))
    g_hash_table_insert (config->profiles, g_strdup ("default"), g_steal_pointer (&p.plain_default));
  section_free (p.plain_default);
  section_free (p.scratch);
}

/* "~/.aws/config" rather than "/home/jane/.aws/config". */
static char *
display_name (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && strncmp (path, home, len) == 0 && path[len] == '/')
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

/* The file to read: @path, else $@env, else ~/.aws/@file. *@chosen is set
 * when the user chose it (an argument or the variable) rather than the default. */
static char *
resolve_path (const char *path,
              const char *env,
              const char *file,
              gboolean   *chosen)
{
  if (path == NULL)
    path = g_getenv (env);
  *chosen = path != NULL && *path != '\0';
  if (!*chosen)
    return g_build_filename (g_get_home_dir (), ".aws", file, NULL);
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

/* Inside a Flatpak the sandbox shows ~/.aws and nothing else of the user's
 * files: a file chosen elsewhere looks missing, which the user must hear of. */
static void
report_hidden_file (SdAwsConfig *self,
                    const char  *path,
                    const char  *env)
{
  g_autofree char *aws_dir = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *command = NULL;
  gsize len = strlen (aws_dir);

  if (!sd_aws_sandbox_active () ||
      (strncmp (absolute, aws_dir, len) == 0 && absolute[len] == '/'))
    return;
  command = sd_aws_sandbox_override_command (absolute);
  add_problem (self->problems,
               _("%s (chosen with %s) cannot be seen from inside the Flatpak sandbox, which "
                 "shows SES Desk only ~/.aws. If the file exists, let SES Desk read it with: %s"),
               absolute, env, command);
}

static void
load_file (SdAwsConfig *self,
           const char  *path,
           gboolean     credentials,
           const char  *chosen_with)
{
  g_autofree char *name = display_name (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      /* Having no config or credentials file is normal. */
      if (saved_errno != ENOENT && saved_errno != ENOTDIR)
        add_problem (self->problems, _("%s cannot be read: %s"), name, g_strerror (saved_errno));
      else if (chosen_with != NULL)
        report_hidden_file (self, path, chosen_with);
      return;
    }
  if (!S_ISREG (st.st_mode))
    {
      add_problem (self->problems, _("%s is not a regular file"), name);
      return;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      add_problem (self->problems, _("%s is too large to be an AWS configuration file"), name);
      return;
    }
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      add_problem (self->problems, _("%s cannot be read: %s"), name, error->message);
      return;
    }
  parse_text (self, name, contents, length, credentials);
}

static SdAwsConfig *
config_new (void)
{
  SdAwsConfig *self = g_atomic_rc_box_new0 (SdAwsConfig);

  self->profiles = section_table_new ();
  self->credentials = section_table_new ();
  self->sso_sessions = section_table_new ();
  self->services = section_table_new ();
  self->memory = section_table_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  return self;
}

static void
config_clear (SdAwsConfig *self)
{
  g_hash_table_unref (self->profiles);
  g_hash_table_unref (self->credentials);
  g_hash_table_unref (self->sso_sessions);
  g_hash_table_unref (self->services);
  g_hash_table_unref (self->memory);
  g_ptr_array_unref (self->problems);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_profile_names (gconstpointer a,
                       gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  gboolean default_a = strcmp (name_a, "default") == 0;
  gboolean default_b = strcmp (name_b, "default") == 0;

  if (default_a || default_b)
    return default_b - default_a;
  return compare_strings (a, b);
}

/* Public API */

const char *
sd_aws_section_get_name (const SdAwsSection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

SdAwsSectionKind
sd_aws_section_get_kind (const SdAwsSection *self)
{
  g_return_val_if_fail (self != NULL, SD_AWS_SECTION_PROFILE);
  return self->kind;
}

const char *
sd_aws_section_get (const SdAwsSection *self,
                    const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->values, key);
}

const char *
sd_aws_section_get_nested (const SdAwsSection *self,
                           const char         *sub,
                           const char         *key)
{
  GHashTable *nested;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sub != NULL && key != NULL, NULL);

  nested = g_hash_table_lookup (self->nested, sub);
  return nested ? g_hash_table_lookup (nested, key) : NULL;
}

char **
sd_aws_section_list_keys (const SdAwsSection *self)
{
  GPtrArray *keys;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_hash_table_iter_init (&iter, self->nested);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

SdAwsConfig *
sd_aws_config_load (const char *config_path,
                    const char *credentials_path)
{
  SdAwsConfig *self = config_new ();
  gboolean config_chosen, credentials_chosen;
  g_autofree char *config_file =
    resolve_path (config_path, "AWS_CONFIG_FILE", "config", &config_chosen);
  g_autofree char *credentials_file =
    resolve_path (credentials_path, "AWS_SHARED_CREDENTIALS_FILE", "credentials",
                  &credentials_chosen);

  load_file (self, config_file, FALSE, config_chosen ? "AWS_CONFIG_FILE" : NULL);
  load_file (self, credentials_file, TRUE,
             credentials_chosen ? "AWS_SHARED_CREDENTIALS_FILE" : NULL);
  return self;
}

char *
sd_aws_config_dup_files_stamp (void)
{
  static const char * const files[][2] = {
    { "AWS_CONFIG_FILE", "config" },
    { "AWS_SHARED_CREDENTIALS_FILE", "credentials" },
  };
  GString *stamp = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      gboolean chosen;
      g_autofree char *path = resolve_path (NULL, files[i][0], files[i][1], &chosen);
      GStatBuf buf;

      if (g_stat (path, &buf) == 0)
        g_string_append_printf (stamp, "%s %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld\n",
                                path, (guint64) buf.st_ino, (gint64) buf.st_size,
                                (gint64) buf.st_mtim.tv_sec, (long) buf.st_mtim.tv_nsec);
      else
        g_string_append_printf (stamp, "%s missing\n", path);
    }
  return g_string_free (stamp, FALSE);
}

SdAwsConfig *
sd_aws_config_new_from_data (const char *config_name,
                             const char *config_text,
                             const char *credentials_name,
                             const char *credentials_text)
{
  SdAwsConfig *self = config_new ();

  if (config_text != NULL)
    parse_text (self, config_name ? config_name : "config",
                config_text, strlen (config_text), FALSE);
  if (credentials_text != NULL)
    parse_text (self, credentials_name ? credentials_name : "credentials",
                credentials_text, strlen (credentials_text), TRUE);
  return self;
}

SdAwsConfig *
sd_aws_config_ref (SdAwsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
sd_aws_config_unref (SdAwsConfig *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) config_clear);
}

GPtrArray *
sd_aws_config_get_problems (SdAwsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

char **
sd_aws_config_list_profiles (SdAwsConfig *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *tables[2];
  GPtrArray *names;

  g_return_val_if_fail (self != NULL, NULL);

  tables[0] = self->profiles;
  tables[1] = self->credentials;
  names = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, tables[i]);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (g_hash_table_add (seen, name))
          g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_profile_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

const char *
sd_aws_config_get_profile_value (SdAwsConfig *self,
                                 const char  *profile,
                                 const char  *key)
{
  SdAwsSection *section;
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (profile == NULL)
    profile = sd_aws_config_default_profile_name ();

  /* An in-memory profile stands alone: the files' keys do not mix in. */
  section = g_hash_table_lookup (self->memory, profile);
  if (section != NULL)
    return g_hash_table_lookup (section->values, key);
  section = g_hash_table_lookup (self->credentials, profile);
  if (section != NULL && (value = g_hash_table_lookup (section->values, key)) != NULL)
    return value;
  section = g_hash_table_lookup (self->profiles, profile);
  return section ? g_hash_table_lookup (section->values, key) : NULL;
}

gboolean
sd_aws_config_has_profile (SdAwsConfig *self,
                           const char  *profile)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  return g_hash_table_contains (self->memory, profile) ||
         g_hash_table_contains (self->profiles, profile) ||
         g_hash_table_contains (self->credentials, profile);
}

const SdAwsSection *
sd_aws_config_get_profile_section (SdAwsConfig *self,
                                   const char  *profile)
{
  SdAwsSection *section;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  section = g_hash_table_lookup (self->memory, profile);
  return section != NULL ? section : g_hash_table_lookup (self->profiles, profile);
}

void
sd_aws_config_add_profile (SdAwsConfig        *self,
                           const char         *name,
                           const char * const *keys_and_values)
{
  SdAwsSection *section;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && *name != '\0');

  for (guint i = 0; keys_and_values != NULL && keys_and_values[i] != NULL; i += 2)
    g_return_if_fail (keys_and_values[i + 1] != NULL);

  section = section_new (name, SD_AWS_SECTION_PROFILE);
  for (guint i = 0; keys_and_values != NULL && keys_and_values[i] != NULL; i += 2)
    {
      g_hash_table_replace (section->values, g_ascii_strdown (keys_and_values[i], -1),
                            g_strdup (keys_and_values[i + 1]));
    }
  g_hash_table_replace (self->memory, g_strdup (name), section);
}

gboolean
sd_aws_config_is_memory_profile (SdAwsConfig *self,
                                 const char  *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return name != NULL && g_hash_table_contains (self->memory, name);
}

const SdAwsSection *
sd_aws_config_get_sso_session (SdAwsConfig *self,
                               const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->sso_sessions, name);
}

const SdAwsSection *
sd_aws_config_get_services (SdAwsConfig *self,
                            const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->services, name);
}

const char *
sd_aws_config_default_profile_name (void)
{
  const char *name = g_getenv ("AWS_PROFILE");

  if (name == NULL || *name == '\0')
    name = g_getenv ("AWS_DEFAULT_PROFILE");
  return name != NULL && *name != '\0' ? name : "default";
}

const char *
sd_aws_config_get_region (SdAwsConfig *self,
                          const char  *profile)
{
  static const char * const vars[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };
  const char *region;

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      region = g_getenv (vars[i]);
      if (region != NULL && *region != '\0')
        return region;
    }

  if (self == NULL)
    return NULL;
  region = sd_aws_config_get_profile_value (self, profile, "region");
  return region != NULL && *region != '\0' ? region : NULL;
}

char *
sd_aws_config_get_ca_bundle (SdAwsConfig  *self,
                             const char   *profile,
                             char        **source)
{
  const char *path = g_getenv ("AWS_CA_BUNDLE");

  if (path != NULL && *path != '\0')
    {
      if (source != NULL)
        *source = g_strdup ("AWS_CA_BUNDLE");
    }
  else
    {
      path = self != NULL ? sd_aws_config_get_profile_value (self, profile, "ca_bundle") : NULL;
      if (path == NULL || *path == '\0')
        return NULL;
      if (source != NULL)
        /* Translators: where a CA bundle's path comes from, in an error message. */
        *source = g_strdup_printf (_("ca_bundle of profile “%s”"),
                                   profile != NULL ? profile : sd_aws_config_default_profile_name ());
    }
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}
