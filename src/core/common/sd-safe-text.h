/* sd-safe-text.h — text from AWS made safe to show: plain text and http(s) link ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Case bodies, subjects and error messages come from a server: they are
 * shown as text, never as markup. SdSafeText is the sanitised text plus the
 * ranges that may become clickable links (http and https only). The UI
 * builds its PangoAttrList / GtkTextTags from the ranges; it never
 * concatenates the text into markup.
 *
 * What sanitising does: invalid UTF-8 becomes U+FFFD; CR LF and CR become
 * LF; other C0 controls become their visible Control Pictures (U+2400…),
 * DEL becomes U+2421, C1 controls, bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), interlinear annotations, tag characters
 * and noncharacters become U+FFFD; U+2028/U+2029 become LF; more than 8
 * combining marks in a row are dropped; text beyond 512 KiB is cut (and
 * marked truncated). Long runs without a space are kept as they are (the
 * UI wraps with PANGO_WRAP_WORD_CHAR; see get_longest_run()). */

/* One link: the range of the sanitised text it covers and its URI (the
 * same characters). */
typedef struct {
  guint  start;       /* byte offset in the text */
  guint  end;         /* byte offset, exclusive */
  guint  char_start;  /* the same in characters (GtkTextBuffer iterators) */
  guint  char_end;
  char  *uri;         /* http:// or https://, ASCII */
} SdTextLink;

#define SD_SAFE_TEXT_MAX_BYTES (512 * 1024)

typedef struct _SdSafeText SdSafeText;

#define SD_TYPE_SAFE_TEXT (sd_safe_text_get_type ())
GType             sd_safe_text_get_type        (void) G_GNUC_CONST;

/* Sanitises @raw (@len bytes, or NUL-terminated when −1; NULL is empty). */
SdSafeText       *sd_safe_text_new             (const char *raw,
                                                gssize      len);
/* sd_safe_text_ref: a new reference. */
SdSafeText       *sd_safe_text_ref             (SdSafeText *self);
/* sd_safe_text_unref: drops a reference. */
void              sd_safe_text_unref           (SdSafeText *self);
/* The sanitised text, valid UTF-8, NUL-terminated; @len may be NULL. */
const char       *sd_safe_text_get_text        (const SdSafeText *self,
                                                gsize            *len);
/* sd_safe_text_get_n_links: how many links the text has. */
guint             sd_safe_text_get_n_links     (const SdSafeText *self);
/* sd_safe_text_get_link: the @index-th link, in text order. */
const SdTextLink *sd_safe_text_get_link        (const SdSafeText *self,
                                                guint             index);
/* The link covering byte offset @offset, or NULL (for a click handler). */
const SdTextLink *sd_safe_text_get_link_at     (const SdSafeText *self,
                                                guint             offset);
/* TRUE when the text was cut at SD_SAFE_TEXT_MAX_BYTES. */
gboolean          sd_safe_text_get_truncated   (const SdSafeText *self);
/* The longest run of characters with no break opportunity (no space, no
 * wide character): above ~60 the UI should wrap by character. */
guint             sd_safe_text_get_longest_run (const SdSafeText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSafeText, sd_safe_text_unref)

/* One line for a label (subject, submitter, file name, error message): the
 * same rules, line breaks and tabs become spaces, runs of spaces collapse,
 * ends are trimmed, and more than @max_chars characters (0: no limit) end
 * with "…". Never NULL. */
char             *sd_text_safe_line            (const char *raw,
                                                gssize      len,
                                                guint       max_chars);
/* Text for a terminal or a log (ses-desk-cli prints everything through
 * it): the same rules as SdSafeText — escape sequences, other controls and
 * bidi overrides made visible or U+FFFD — line breaks and tabs kept, never
 * cut. Never NULL. */
char             *sd_text_safe_lines           (const char *raw,
                                                gssize      len);
/* What sanitising turns character @c into, or 0 when @c is kept as it is
 * (for writers that escape instead, like JSON's \uXXXX). */
gunichar          sd_text_safe_replacement     (gunichar    c);
/* A file name safe to offer in a save dialog: no directory part, no path
 * separators or reserved characters, no leading dot, at most 200 bytes;
 * "attachment" when nothing is left. Never NULL. */
char             *sd_text_safe_file_name       (const char *raw);
/* TRUE when @uri is an absolute http or https URI with a host and no
 * user info. */
gboolean          sd_text_is_web_uri           (const char *uri);

G_END_DECLS
