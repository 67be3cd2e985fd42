/* sd-case-text.h — a request written out as case text, in the case's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text goes to AWS, so it is written in the case's language (en, ja, zh
 * or ko) whatever language the UI shows: these strings come from tables
 * here, not from gettext. The Japanese follows the terms of the SES guide's
 * Japanese edition (docs/ses-guide.md).
 */
#pragma once

#include "sd-request.h"

G_BEGIN_DECLS

/* AWS Support's case bodies hold at most this many characters. */
#define SD_CASE_TEXT_MAX_BODY          8000
/* PutAccountDetails' UseCaseDescription holds at most this many. */
#define SD_CASE_TEXT_MAX_USE_CASE      5000

/* TRUE for "en", "ja", "zh", "ko". */
gboolean    sd_case_text_language_is_known  (const char *language);
/* @language's name written in @in_language ("日本語" for ja in ja). */
const char *sd_case_text_language_name      (const char *language,
                                             const char *in_language);

/* The subject of @region's case ("[SD-7F3K2Q] …") in @language; NULL = the
 * request's support language. Newly allocated. */
char       *sd_case_text_subject            (SdRequest  *request,
                                             const char *region,
                                             const char *language);
/* The body: every field of the form in the guide's order (docs/ses-guide.md) and the reference. */
char       *sd_case_text_body               (SdRequest  *request,
                                             const char *region,
                                             const char *language);
/* PutAccountDetails' UseCaseDescription: the reference, the limit asked for,
 * the mail type as chosen (the API only knows two), the three answers and the
 * description. */
char       *sd_case_text_use_case           (SdRequest  *request,
                                             const char *region,
                                             const char *language);
/* Subject, an empty line, the body and a final new line: for the clipboard
 * (the Support Center by hand) and the golden files. */
char       *sd_case_text_full               (SdRequest  *request,
                                             const char *region,
                                             const char *language);
/* Characters (not bytes) in @text, as AWS counts them. */
glong       sd_case_text_length             (const char *text);

G_END_DECLS
