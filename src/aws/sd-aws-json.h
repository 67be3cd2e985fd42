/* sd-aws-json.h — reading AWS answers without trusting their shapes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each getter returns the member when it is there and of the right type,
 * else the fallback (NULL for pointers): a server's answer that breaks the
 * model never crashes the reader. @object may be NULL. */
const char *sd_json_get_string  (JsonObject *object,
                                 const char *member);
/* The number member (integer or not), or @fallback. */
double      sd_json_get_double  (JsonObject *object,
                                 const char *member,
                                 double      fallback);
/* The boolean member, or @fallback. */
gboolean    sd_json_get_boolean (JsonObject *object,
                                 const char *member,
                                 gboolean    fallback);
/* The object member, or NULL. */
JsonObject *sd_json_get_object  (JsonObject *object,
                                 const char *member);
/* The array member, or NULL. */
JsonArray  *sd_json_get_array   (JsonObject *object,
                                 const char *member);

/* Element @index of @array when it is there and an object (a string), else
 * NULL: json_array_get_object_element() would emit a critical on a number
 * or a null. @array may be NULL. */
JsonObject *sd_json_array_get_object (JsonArray  *array,
                                      guint       index);
/* Element @index when it is a string, or NULL. */
const char *sd_json_array_get_string (JsonArray  *array,
                                      guint       index);

/* Deepest nesting a document may have: AWS answers nest a few levels, and
 * json-glib overflows its stack on documents nested many thousands deep. */
#define SD_JSON_MAX_DEPTH 128

/* Whether @data nests objects and arrays at most @max_depth deep. */
gboolean    sd_json_depth_ok    (const char *data,
                                 gsize       len,
                                 guint       max_depth);
/* json_parser_load_from_data() for text from outside (servers, files,
 * processes): refuses documents nested deeper than SD_JSON_MAX_DEPTH. */
gboolean    sd_json_load        (JsonParser *parser,
                                 const char *data,
                                 gsize       len);

/* The one reader of AWS times (answers, cache files, config): ISO 8601 as
 * "2024-05-01T12:00:00Z" or with an offset; a time without a zone is UTC, as
 * AWS means it; also the AWS CLI's older "…UTC" suffix, a space instead of
 * the "T", and a bare date (midnight UTC). NULL when @text is none of these. */
GDateTime  *sd_aws_parse_time   (const char *text);
/* The same, as unix seconds. */
gboolean    sd_aws_parse_iso8601 (const char *text,
                                  gint64     *unix_time);

G_END_DECLS
