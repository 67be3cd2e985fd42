/* sd-aws-pages.h — following an operation's pages to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where a paginated read stands: the token of the next page, the tokens
 * seen (a server that hands a token out twice would loop forever) and how
 * many pages came. Stack- or struct-allocated; sd_aws_pages_init() first,
 * sd_aws_pages_clear() last. */
typedef struct
{
  char       *token;
  GHashTable *seen;
  guint       n_pages;
  guint       max_pages;
} SdAwsPages;

void     sd_aws_pages_init   (SdAwsPages *pages,
                              guint       max_pages);
void     sd_aws_pages_clear  (SdAwsPages *pages);
/* Sets @member (e.g. "nextToken", "NextToken") on the next page's @input
 * when there is a token; the first page gets none. */
void     sd_aws_pages_apply  (SdAwsPages *pages,
                              JsonObject *input,
                              const char *member);
/* Counts @answer as a page and takes its token from @member: TRUE when
 * another page is to be fetched (a token, not seen before, and fewer than
 * max_pages pages so far). */
gboolean sd_aws_pages_next   (SdAwsPages *pages,
                              JsonObject *answer,
                              const char *member);

/* Appends the objects of @answer's array @member to @into (elements that
 * are not objects are skipped); returns how many. */
guint    sd_aws_pages_collect (JsonArray  *into,
                               JsonObject *answer,
                               const char *member);

G_END_DECLS
