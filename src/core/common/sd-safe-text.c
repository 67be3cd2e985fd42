/* sd-safe-text.c — text from AWS made safe to show: plain text and http(s) link ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-safe-text.h"

#define MAX_COMBINING_MARKS 8
#define MAX_LINK_BYTES 4096
#define SAFE_FILE_NAME_MAX 200

struct _SdSafeText {
  grefcount  ref;
  char      *text;
  gsize      len;
  GArray    *links;         /* SdTextLink */
  guint      longest_run;
  gboolean   truncated;
};

G_DEFINE_BOXED_TYPE (SdSafeText, sd_safe_text, sd_safe_text_ref, sd_safe_text_unref)

/* Auxiliary functions */

static void
link_clear (gpointer data)
{
  SdTextLink *link = data;

  g_free (link->uri);
}

/* What a character becomes. Returns the replacement, or 0 to keep @c, or
 * (gunichar) -1 to drop it. */
static gunichar
replacement_for (gunichar c)
{
  if (c < 0x20)
    return 0x2400 + c;   /* the Control Pictures block: ␀ ␁ … */
  if (c == 0x7f)
    return 0x2421;       /* ␡ */
  if (c >= 0x80 && c <= 0x9f)
    return 0xfffd;
  /* Embeddings, overrides and isolates reorder what follows them: shown
   * text must read in the order it was written. */
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return 0xfffd;
  if (c >= 0xfff9 && c <= 0xfffb)            /* interlinear annotations */
    return 0xfffd;
  if ((c & 0xfffe) == 0xfffe || (c >= 0xfdd0 && c <= 0xfdef))   /* noncharacters */
    return 0xfffd;
  if (c >= 0xe0000 && c <= 0xe007f)          /* tag characters: invisible */
    return 0xfffd;
  return 0;
}

static gboolean
is_combining (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The common part: @raw made valid and stripped of what must not be shown,
 * cut after about @max_bytes. @one_line turns line breaks and tabs into
 * spaces. */
static GString *
sanitize_to (const char *raw,
             gssize      len,
             gsize       max_bytes,
             gboolean    one_line,
             gboolean   *truncated)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint n_marks = 0;

  *truncated = FALSE;
  if (raw == NULL)
    return g_string_new ("");
  if (len < 0)
    len = strlen (raw);
  /* Do not even look at more than we would show. */
  if (max_bytes < G_MAXSIZE - 8 && (gsize) len > max_bytes + 8)
    {
      len = max_bytes + 8;
      *truncated = TRUE;
    }
  valid = g_utf8_make_valid (raw, len);
  out = g_string_sized_new (MIN ((gsize) len, max_bytes) + 16);

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar r;

      if (out->len >= max_bytes)
        {
          *truncated = TRUE;
          break;
        }

      if (c == '\r')
        {
          if (p[1] == '\n')
            continue;       /* the LF that follows makes the break */
          c = '\n';
        }
      else if (c == 0x2028 || c == 0x2029)
        c = '\n';

      if (c == '\n' || c == '\t')
        {
          g_string_append_c (out, one_line ? ' ' : (char) c);
          n_marks = 0;
          continue;
        }

      if (is_combining (c))
        {
          /* A tower of combining marks draws far outside its line. */
          if (++n_marks > MAX_COMBINING_MARKS)
            continue;
        }
      else
        n_marks = 0;

      r = replacement_for (c);
      g_string_append_unichar (out, r != 0 ? r : c);
    }

  /* g_utf8_make_valid() turns an embedded NUL into U+FFFD already; the
   * C-string loop above stops at the first NUL of @valid, which only comes
   * from the end. */
  return out;
}

static GString *
sanitize (const char *raw,
          gssize      len,
          gboolean    one_line,
          gboolean   *truncated)
{
  return sanitize_to (raw, len, SD_SAFE_TEXT_MAX_BYTES, one_line, truncated);
}

static gboolean
is_url_char (guchar c)
{
  if (c <= 0x20 || c >= 0x7f)
    return FALSE;
  return strchr ("<>\"{}|\\^`", c) == NULL;
}

static gboolean
is_scheme_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.';
}

/* The authority of an http(s) URI: a host name, IPv4 or [IPv6], an
 * optional port, no user info (which is how "https://aws.amazon.com@evil"
 * fools a reader). */
static gboolean
authority_is_valid (const char *start,
                    const char *end)
{
  const char *p = start;
  const char *host_end;

  if (p >= end)
    return FALSE;

  if (*p == '[')
    {
      const char *close = memchr (p, ']', end - p);

      if (close == NULL || close == p + 1)
        return FALSE;
      for (const char *q = p + 1; q < close; q++)
        if (!g_ascii_isxdigit (*q) && *q != ':' && *q != '.')
          return FALSE;
      host_end = close + 1;
    }
  else
    {
      host_end = p;
      while (host_end < end && *host_end != ':')
        {
          if (!g_ascii_isalnum (*host_end) && *host_end != '.' && *host_end != '-')
            return FALSE;
          host_end++;
        }
      if (host_end == p || *p == '.' || *p == '-')
        return FALSE;
    }

  if (host_end < end)
    {
      if (*host_end != ':')
        return FALSE;
      for (const char *q = host_end + 1; q < end; q++)
        if (!g_ascii_isdigit (*q))
          return FALSE;
      if (end - host_end - 1 > 5)
        return FALSE;
    }
  return TRUE;
}

gboolean
sd_text_is_web_uri (const char *uri)
{
  const char *rest;
  const char *end;
  const char *authority_end;

  if (uri == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (uri, "http://", 7) == 0)
    rest = uri + 7;
  else if (g_ascii_strncasecmp (uri, "https://", 8) == 0)
    rest = uri + 8;
  else
    return FALSE;

  end = uri + strlen (uri);
  if (end - uri > MAX_LINK_BYTES)
    return FALSE;
  for (const char *p = uri; p < end; p++)
    if (!is_url_char (*p))
      return FALSE;

  authority_end = rest + strcspn (rest, "/?#");
  if (!authority_is_valid (rest, authority_end))
    return FALSE;
  return g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL);
}

/* Where the link that starts at @start ends: URL characters, less the
 * punctuation that usually closes the sentence around it. */
static const char *
link_end (const char *start,
          const char *limit)
{
  const char *end = start;
  int parens = 0;
  int brackets = 0;

  while (end < limit && is_url_char (*end))
    end++;

  for (const char *p = start; p < end; p++)
    {
      if (*p == '(')
        parens++;
      else if (*p == ')')
        parens--;
      else if (*p == '[')
        brackets++;
      else if (*p == ']')
        brackets--;
    }

  while (end > start)
    {
      char last = end[-1];

      if (strchr (".,;:!?'*\"", last) != NULL)
        end--;
      else if (last == ')' && parens < 0)
        {
          parens++;
          end--;
        }
      else if (last == ']' && brackets < 0)
        {
          brackets++;
          end--;
        }
      else
        break;
    }
  return end;
}

static void
find_links (SdSafeText *self)
{
  const char *text = self->text;
  const char *limit = text + self->len;
  const char *p = text;
  const char *counted = text;   /* char offsets are counted incrementally */
  guint chars = 0;

  while (p < limit)
    {
      const char *h = p;
      gsize scheme_len;
      const char *end;
      g_autofree char *uri = NULL;

      while (h < limit && *h != 'h' && *h != 'H')
        h++;
      if (h >= limit)
        break;

      if (limit - h > 8 && g_ascii_strncasecmp (h, "https://", 8) == 0)
        scheme_len = 8;
      else if (limit - h > 7 && g_ascii_strncasecmp (h, "http://", 7) == 0)
        scheme_len = 7;
      else
        {
          p = h + 1;
          continue;
        }
      /* "xhttp://" or "svn+http://" is not an http link. */
      if (h > text && is_scheme_char (h[-1]))
        {
          p = h + 1;
          continue;
        }

      end = link_end (h + scheme_len, limit);
      if (end == h + scheme_len || end - h > MAX_LINK_BYTES)
        {
          p = h + scheme_len;
          continue;
        }

      uri = g_strndup (h, end - h);
      if (!sd_text_is_web_uri (uri))
        {
          p = h + scheme_len;
          continue;
        }

      {
        SdTextLink link = { 0 };

        chars += g_utf8_strlen (counted, h - counted);
        link.start = h - text;
        link.end = end - text;
        link.char_start = chars;
        link.char_end = chars + (end - h);   /* ASCII: one byte, one character */
        link.uri = g_steal_pointer (&uri);
        chars = link.char_end;
        counted = end;
        g_array_append_val (self->links, link);
      }
      p = end;
    }
}

static guint
compute_longest_run (const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200b || g_unichar_iswide (c))
        run = 0;
      else if (++run > longest)
        longest = run;
    }
  return longest;
}

/* Public API */

SdSafeText *
sd_safe_text_new (const char *raw,
                  gssize      len)
{
  SdSafeText *self = g_new0 (SdSafeText, 1);
  GString *text;

  g_ref_count_init (&self->ref);
  text = sanitize (raw, len, FALSE, &self->truncated);
  self->len = text->len;
  self->text = g_string_free (text, FALSE);
  self->links = g_array_new (FALSE, TRUE, sizeof (SdTextLink));
  g_array_set_clear_func (self->links, link_clear);
  find_links (self);
  self->longest_run = compute_longest_run (self->text);
  return self;
}

SdSafeText *
sd_safe_text_ref (SdSafeText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref);
  return self;
}

void
sd_safe_text_unref (SdSafeText *self)
{
  if (self == NULL)
    return;
  if (g_ref_count_dec (&self->ref))
    {
      g_free (self->text);
      g_array_unref (self->links);
      g_free (self);
    }
}

const char *
sd_safe_text_get_text (const SdSafeText *self,
                       gsize            *len)
{
  if (len != NULL)
    *len = self->len;
  return self->text;
}

guint
sd_safe_text_get_n_links (const SdSafeText *self)
{
  return self->links->len;
}

const SdTextLink *
sd_safe_text_get_link (const SdSafeText *self,
                       guint             index)
{
  g_return_val_if_fail (index < self->links->len, NULL);
  return &g_array_index (self->links, SdTextLink, index);
}

const SdTextLink *
sd_safe_text_get_link_at (const SdSafeText *self,
                          guint             offset)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      const SdTextLink *link = &g_array_index (self->links, SdTextLink, i);

      if (offset >= link->start && offset < link->end)
        return link;
    }
  return NULL;
}

gboolean
sd_safe_text_get_truncated (const SdSafeText *self)
{
  return self->truncated;
}

guint
sd_safe_text_get_longest_run (const SdSafeText *self)
{
  return self->longest_run;
}

char *
sd_text_safe_line (const char *raw,
                   gssize      len,
                   guint       max_chars)
{
  gboolean truncated;
  g_autoptr(GString) text = sanitize (raw, len, TRUE, &truncated);
  GString *out = g_string_sized_new (text->len);
  gboolean space = FALSE;
  guint n = 0;
  const char *p;

  for (p = text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (max_chars > 0 && n + (space ? 1 : 0) >= max_chars)
        {
          truncated = TRUE;
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n++;
    }

  if (truncated && out->len > 0)
    {
      /* Make room for the ellipsis within @max_chars. */
      if (max_chars > 0 && n >= max_chars)
        {
          char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

          if (last != NULL)
            g_string_truncate (out, last - out->str);
        }
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

char *
sd_text_safe_lines (const char *raw,
                    gssize      len)
{
  gboolean truncated;

  return g_string_free (sanitize_to (raw, len, G_MAXSIZE, FALSE, &truncated), FALSE);
}

gunichar
sd_text_safe_replacement (gunichar c)
{
  if (c == '\n' || c == '\t')
    return 0;
  if (c == 0x2028 || c == 0x2029)
    return '\n';
  return replacement_for (c);
}

char *
sd_text_safe_file_name (const char *raw)
{
  g_autofree char *line = NULL;
  const char *base;
  GString *out;
  const char *p;

  if (raw == NULL)
    return g_strdup ("attachment");

  /* Only the last component, whichever separator the sender used. */
  base = raw;
  for (p = raw; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  line = sd_text_safe_line (base, -1, 0);
  out = g_string_new (NULL);
  for (p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && strchr ("/\\:*?\"<>|", (char) c) != NULL)
        c = '_';
      else if (c >= 0x2400 && c <= 0x2421)  /* control pictures from sanitising */
        c = '_';
      else if (c == 0xfffd)
        c = '_';
      if (out->len == 0 && (c == '.' || c == ' ' || c == '-'))
        continue;   /* hidden files and option-like names */
      g_string_append_unichar (out, c);
    }

  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);

  if (out->len > SAFE_FILE_NAME_MAX)
    {
      /* Keep the extension, cut the stem on a character boundary. */
      const char *dot = strrchr (out->str, '.');
      gsize ext_len = dot != NULL ? strlen (dot) : 0;
      gsize stem_max;
      g_autofree char *ext = NULL;
      const char *cut;

      if (ext_len > 20)
        ext_len = 0;
      ext = g_strdup (out->str + out->len - ext_len);
      stem_max = SAFE_FILE_NAME_MAX - ext_len;
      cut = out->str + stem_max;
      while (cut > out->str && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      g_string_truncate (out, cut - out->str);
      g_string_append (out, ext);
    }

  if (out->len == 0)
    g_string_assign (out, "attachment");
  return g_string_free (out, FALSE);
}
