/* sd-case-thread-journal.c — a reply on its way, recorded before it leaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-json.h"
#include "sd-case-thread-journal.h"

static char *
record_name (const char *case_id)
{
  return g_strconcat ("reply-", case_id, NULL);
}

gboolean
sd_case_thread_journal_begin (SdCaseCache        *cache,
                              const char         *profile,
                              const char         *case_id,
                              const char         *body,
                              const char * const *cc,
                              const char         *attachment_set_id,
                              gint64              started_us,
                              GError            **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autofree char *name = record_name (case_id);
  JsonArray *addresses = json_array_new ();

  for (guint i = 0; cc != NULL && cc[i] != NULL; i++)
    json_array_add_string_element (addresses, cc[i]);
  json_object_set_int_member (record, "version", 1);
  json_object_set_string_member (record, "case_id", case_id);
  json_object_set_string_member (record, "body", body);
  json_object_set_array_member (record, "cc", addresses);
  if (attachment_set_id != NULL)
    json_object_set_string_member (record, "attachment_set_id", attachment_set_id);
  json_object_set_int_member (record, "started_us", started_us);
  json_object_set_string_member (record, "state", "sending");
  return sd_case_cache_write_state (cache, profile, name, record, error);
}

gboolean
sd_case_thread_journal_set_state (SdCaseCache  *cache,
                                  const char   *profile,
                                  const char   *case_id,
                                  const char   *state,
                                  GError      **error)
{
  g_autoptr(JsonObject) record = sd_case_thread_journal_read (cache, profile, case_id);
  g_autofree char *name = record_name (case_id);

  if (record == NULL)
    return TRUE;
  json_object_set_string_member (record, "state", state);
  return sd_case_cache_write_state (cache, profile, name, record, error);
}

JsonObject *
sd_case_thread_journal_read (SdCaseCache *cache,
                             const char  *profile,
                             const char  *case_id)
{
  g_autofree char *name = record_name (case_id);
  g_autoptr(GError) error = NULL;
  JsonObject *record = sd_case_cache_read_state (cache, profile, name, &error);

  /* A record that cannot be read still means a reply may be on its way. */
  if (record == NULL && error != NULL)
    {
      g_warning ("The reply journal of %s cannot be read: %s", case_id, error->message);
      record = json_object_new ();
      json_object_set_string_member (record, "state", "uncertain");
    }
  return record;
}

void
sd_case_thread_journal_remove (SdCaseCache *cache,
                               const char  *profile,
                               const char  *case_id)
{
  g_autofree char *name = record_name (case_id);

  sd_case_cache_remove_state (cache, profile, name);
}
