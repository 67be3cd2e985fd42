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
double      sd_json_get_double  (JsonObject *object,
                                 const char *member,
                                 double      fallback);
gboolean    sd_json_get_boolean (JsonObject *object,
                                 const char *member,
                                 gboolean    fallback);
JsonObject *sd_json_get_object  (JsonObject *object,
                                 const char *member);
JsonArray  *sd_json_get_array   (JsonObject *object,
                                 const char *member);

G_END_DECLS
