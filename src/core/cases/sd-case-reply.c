/* sd-case-reply.c — a reply being written: body, cc, attachments, draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-case.h"
#include "sd-case-reply.h"
#include "sd-safe-text.h"

/* Saving shortly after a change, not on every key: a crash loses at most
 * this much typing. */
#define DRAFT_SAVE_DELAY_MS 400

struct _SdCaseReply {
  GObject      parent_instance;

  char        *body;              /* owned */
  char        *cc_text;           /* owned */
  GListStore  *attachments;       /* owned, GFile */
  char        *body_error;        /* owned, nullable */
  char        *cc_error;          /* owned, nullable */
  char        *attachments_error; /* owned, nullable */
  char        *draft_error;       /* owned, nullable: why the last save failed */

  SdCaseCache *cache;             /* owned, nullable: the draft's home */
  char        *profile;           /* owned */
  char        *case_id;           /* owned */
  guint        save_id;

  char        *set_id;            /* owned, nullable */
  gint64       set_expiry;
};

G_DEFINE_FINAL_TYPE (SdCaseReply, sd_case_reply, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BODY,
  PROP_CC_TEXT,
  PROP_ATTACHMENTS,
  PROP_N_ATTACHMENTS,
  PROP_BODY_ERROR,
  PROP_CC_ERROR,
  PROP_ATTACHMENTS_ERROR,
  PROP_VALID,
  PROP_DRAFT_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static gboolean
local_part_is_valid (const char *start,
                     gsize       len)
{
  if (len == 0 || len > 64 || start[0] == '.' || start[len - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = start[i];

      if (g_ascii_isalnum (c) || strchr (".!#$%&'*+/=?^_`{|}~-", c) != NULL)
        {
          if (c == '.' && start[i + 1] == '.')
            return FALSE;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (strlen (domain) > 253 || strchr (domain, '.') == NULL)
    return FALSE;
  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (labels[i][j]) && labels[i][j] != '-')
          return FALSE;
    }
  /* A top-level domain has letters. */
  for (const char *p = labels[n - 1]; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;
  return strlen (labels[n - 1]) >= 2;
}

gboolean
sd_case_reply_address_is_valid (const char *address)
{
  const char *at;

  if (address == NULL || strlen (address) > 254)
    return FALSE;
  at = strrchr (address, '@');
  if (at == NULL)
    return FALSE;
  return local_part_is_valid (address, at - address) && domain_is_valid (at + 1);
}

static GStrv
split_addresses (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",; \t\n\r", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
set_message (char **field,
             char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return FALSE;
    }
  g_free (*field);
  *field = value;
  return TRUE;
}

/* Checks every field and updates the messages shown beside them. */
static void
revalidate (SdCaseReply *self)
{
  g_auto(GStrv) cc = split_addresses (self->cc_text);
  glong n_chars = g_utf8_strlen (self->body, -1);
  g_autofree char *trimmed = g_strstrip (g_strdup (self->body));
  guint n_attachments = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));
  gboolean was_valid = sd_case_reply_get_valid (self);
  char *body_error = NULL;
  char *cc_error = NULL;
  char *attachments_error = NULL;

  if (trimmed[0] == '\0')
    body_error = g_strdup (_("Write a message."));
  else if (n_chars > SD_REPLY_MAX_BODY_CHARS)
    body_error = g_strdup_printf (_("A message can have at most %d characters; this one has %ld."),
                                  SD_REPLY_MAX_BODY_CHARS, n_chars);

  if (g_strv_length (cc) > SD_REPLY_MAX_CC)
    cc_error = g_strdup_printf (_("At most %d cc addresses."), SD_REPLY_MAX_CC);
  else
    for (guint i = 0; cc[i] != NULL && cc_error == NULL; i++)
      if (!sd_case_reply_address_is_valid (cc[i]))
        {
          g_autofree char *shown = sd_text_safe_line (cc[i], -1, 80);
          cc_error = g_strdup_printf (_("“%s” is not an e-mail address."), shown);
        }

  if (n_attachments > SD_REPLY_MAX_ATTACHMENTS)
    attachments_error = g_strdup_printf (_("At most %d attachments."), SD_REPLY_MAX_ATTACHMENTS);

  g_object_freeze_notify (G_OBJECT (self));
  if (set_message (&self->body_error, body_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY_ERROR]);
  if (set_message (&self->cc_error, cc_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CC_ERROR]);
  if (set_message (&self->attachments_error, attachments_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHMENTS_ERROR]);
  if (was_valid != sd_case_reply_get_valid (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_object_thaw_notify (G_OBJECT (self));
}

static char *
draft_name (SdCaseReply *self)
{
  return g_strconcat ("draft-", self->case_id, NULL);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  SdCaseReply *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_id = 0;
  /* A failure is kept in draft-error, which the composer shows. */
  if (!sd_case_reply_save_draft (self, &error))
    g_debug ("Could not save the reply draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
changed (SdCaseReply *self)
{
  revalidate (self);
  if (self->cache != NULL && self->save_id == 0)
    self->save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, on_save_timeout, self);
}

static void
forget_attachment_set (SdCaseReply *self)
{
  g_clear_pointer (&self->set_id, g_free);
  self->set_expiry = 0;
}

static void
on_attachment_info (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdCaseReply *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (file, result, &error);
  g_autofree char *name = NULL;
  goffset size;

  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  name = g_file_get_basename (file);
  size = g_file_info_get_size (info);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_INVALID,
                               _("“%s” is not a file."), name);
      return;
    }
  if (size > SD_REPLY_MAX_ATTACHMENT_SIZE)
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_ATTACHMENT_TOO_LARGE,
                               _("“%s” is larger than 5 MB, the most AWS Support accepts for one "
                                 "attachment."), name);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->attachments)) >= SD_REPLY_MAX_ATTACHMENTS)
    {
      g_task_return_new_error (task, SD_CASE_ERROR, SD_CASE_ERROR_TOO_MANY_ATTACHMENTS,
                               _("A reply can have at most %d attachments."),
                               SD_REPLY_MAX_ATTACHMENTS);
      return;
    }

  g_list_store_append (self->attachments, file);
  forget_attachment_set (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTACHMENTS]);
  changed (self);
  g_task_return_boolean (task, TRUE);
}

/* Overrides */

static void
sd_case_reply_dispose (GObject *object)
{
  SdCaseReply *self = SD_CASE_REPLY (object);

  /* Whatever was typed last is on disk when the composer goes away. */
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      on_save_timeout (self);
    }
  G_OBJECT_CLASS (sd_case_reply_parent_class)->dispose (object);
}

static void
sd_case_reply_finalize (GObject *object)
{
  SdCaseReply *self = SD_CASE_REPLY (object);

  g_free (self->body);
  g_free (self->cc_text);
  g_clear_object (&self->attachments);
  g_free (self->body_error);
  g_free (self->cc_error);
  g_free (self->attachments_error);
  g_free (self->draft_error);
  g_clear_object (&self->cache);
  g_free (self->profile);
  g_free (self->case_id);
  g_free (self->set_id);
  G_OBJECT_CLASS (sd_case_reply_parent_class)->finalize (object);
}

static void
sd_case_reply_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SdCaseReply *self = SD_CASE_REPLY (object);

  switch (prop_id)
    {
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_CC_TEXT:
      g_value_set_string (value, self->cc_text);
      break;
    case PROP_ATTACHMENTS:
      g_value_set_object (value, self->attachments);
      break;
    case PROP_N_ATTACHMENTS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->attachments)));
      break;
    case PROP_BODY_ERROR:
      g_value_set_string (value, self->body_error);
      break;
    case PROP_CC_ERROR:
      g_value_set_string (value, self->cc_error);
      break;
    case PROP_ATTACHMENTS_ERROR:
      g_value_set_string (value, self->attachments_error);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, sd_case_reply_get_valid (self));
      break;
    case PROP_DRAFT_ERROR:
      g_value_set_string (value, self->draft_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_reply_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SdCaseReply *self = SD_CASE_REPLY (object);

  switch (prop_id)
    {
    case PROP_BODY:
      sd_case_reply_set_body (self, g_value_get_string (value));
      break;
    case PROP_CC_TEXT:
      sd_case_reply_set_cc_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_reply_class_init (SdCaseReplyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = sd_case_reply_dispose;
  object_class->finalize = sd_case_reply_finalize;
  object_class->get_property = sd_case_reply_get_property;
  object_class->set_property = sd_case_reply_set_property;

  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_CC_TEXT] = g_param_spec_string ("cc-text", NULL, NULL, "", rw);
  properties[PROP_ATTACHMENTS] =
    g_param_spec_object ("attachments", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_ATTACHMENTS] =
    g_param_spec_uint ("n-attachments", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_BODY_ERROR] = g_param_spec_string ("body-error", NULL, NULL, NULL, ro);
  properties[PROP_CC_ERROR] = g_param_spec_string ("cc-error", NULL, NULL, NULL, ro);
  properties[PROP_ATTACHMENTS_ERROR] =
    g_param_spec_string ("attachments-error", NULL, NULL, NULL, ro);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE, ro);
  properties[PROP_DRAFT_ERROR] = g_param_spec_string ("draft-error", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_case_reply_init (SdCaseReply *self)
{
  self->body = g_strdup ("");
  self->cc_text = g_strdup ("");
  self->attachments = g_list_store_new (G_TYPE_FILE);
  revalidate (self);
}

/* Public API */

SdCaseReply *
sd_case_reply_new (void)
{
  return g_object_new (SD_TYPE_CASE_REPLY, NULL);
}

const char *
sd_case_reply_get_body (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->body;
}

void
sd_case_reply_set_body (SdCaseReply *self,
                        const char  *body)
{
  g_return_if_fail (SD_IS_CASE_REPLY (self));

  if (body == NULL)
    body = "";
  if (g_str_equal (self->body, body))
    return;
  g_free (self->body);
  self->body = g_utf8_make_valid (body, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
  changed (self);
}

const char *
sd_case_reply_get_cc_text (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->cc_text;
}

void
sd_case_reply_set_cc_text (SdCaseReply *self,
                           const char  *cc_text)
{
  g_return_if_fail (SD_IS_CASE_REPLY (self));

  if (cc_text == NULL)
    cc_text = "";
  if (g_str_equal (self->cc_text, cc_text))
    return;
  g_free (self->cc_text);
  self->cc_text = g_utf8_make_valid (cc_text, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CC_TEXT]);
  changed (self);
}

GStrv
sd_case_reply_dup_cc_addresses (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return split_addresses (self->cc_text);
}

GListModel *
sd_case_reply_get_attachments (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return G_LIST_MODEL (self->attachments);
}

void
sd_case_reply_add_attachment_async (SdCaseReply         *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SD_IS_CASE_REPLY (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_reply_add_attachment_async);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           on_attachment_info, task);
}

gboolean
sd_case_reply_add_attachment_finish (SdCaseReply   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_case_reply_remove_attachment (SdCaseReply *self,
                                 guint        position)
{
  g_return_if_fail (SD_IS_CASE_REPLY (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->attachments)))
    return;
  g_list_store_remove (self->attachments, position);
  forget_attachment_set (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTACHMENTS]);
  changed (self);
}

const char *
sd_case_reply_get_body_error (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->body_error;
}

const char *
sd_case_reply_get_cc_error (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->cc_error;
}

const char *
sd_case_reply_get_attachments_error (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->attachments_error;
}

const char *
sd_case_reply_get_draft_error (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  return self->draft_error;
}

gboolean
sd_case_reply_get_valid (SdCaseReply *self)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), FALSE);
  return self->body_error == NULL && self->cc_error == NULL && self->attachments_error == NULL;
}

gboolean
sd_case_reply_validate (SdCaseReply  *self,
                        GError      **error)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), FALSE);

  revalidate (self);
  if (self->body_error != NULL)
    {
      g_set_error_literal (error, SD_CASE_ERROR, SD_CASE_ERROR_INVALID, self->body_error);
      return FALSE;
    }
  if (self->cc_error != NULL)
    {
      g_set_error_literal (error, SD_CASE_ERROR, SD_CASE_ERROR_INVALID, self->cc_error);
      return FALSE;
    }
  if (self->attachments_error != NULL)
    {
      g_set_error_literal (error, SD_CASE_ERROR, SD_CASE_ERROR_TOO_MANY_ATTACHMENTS,
                           self->attachments_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_case_reply_bind_draft (SdCaseReply *self,
                          SdCaseCache *cache,
                          const char  *profile,
                          const char  *case_id)
{
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  JsonArray *files;
  const char *body;
  const char *cc;

  g_return_val_if_fail (SD_IS_CASE_REPLY (self), FALSE);
  g_return_val_if_fail (SD_IS_CASE_CACHE (cache), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  g_set_object (&self->cache, cache);
  g_free (self->profile);
  self->profile = g_strdup (profile);
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);

  name = draft_name (self);
  draft = sd_case_cache_read_state (cache, profile, name, &error);
  if (draft == NULL)
    {
      if (error != NULL)
        g_warning ("The saved reply draft cannot be read: %s", error->message);
      return FALSE;
    }

  body = sd_json_get_string (draft, "body");
  cc = sd_json_get_string (draft, "cc");
  g_free (self->body);
  self->body = g_utf8_make_valid (body != NULL ? body : "", -1);
  g_free (self->cc_text);
  self->cc_text = g_utf8_make_valid (cc != NULL ? cc : "", -1);
  forget_attachment_set (self);
  g_list_store_remove_all (self->attachments);
  files = sd_json_get_array (draft, "attachments");
  for (guint i = 0; files != NULL && i < json_array_get_length (files) &&
       i < SD_REPLY_MAX_ATTACHMENTS; i++)
    {
      const char *uri = sd_json_array_get_string (files, i);

      if (uri != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);
          g_list_store_append (self->attachments, file);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CC_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTACHMENTS]);
  revalidate (self);
  return TRUE;
}

static void
set_draft_error (SdCaseReply  *self,
                 const GError *error)
{
  char *message = NULL;

  if (error != NULL)
    /* Translators: %s says why the file could not be written (a full disk…) */
    message = g_strdup_printf (_("This reply could not be saved on this computer: %s. It is still here; "
                                 "keep this window open, or copy the text."), error->message);
  if (set_message (&self->draft_error, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ERROR]);
}

static gboolean
write_draft (SdCaseReply  *self,
             GError      **error)
{
  g_autoptr(JsonObject) draft = NULL;
  g_autofree char *name = NULL;
  JsonArray *files;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->cache == NULL)
    return TRUE;

  name = draft_name (self);
  if (self->body[0] == '\0' && self->cc_text[0] == '\0' &&
      g_list_model_get_n_items (G_LIST_MODEL (self->attachments)) == 0)
    {
      sd_case_cache_remove_state (self->cache, self->profile, name);
      return TRUE;
    }

  draft = json_object_new ();
  files = json_array_new ();
  json_object_set_int_member (draft, "version", 1);
  json_object_set_string_member (draft, "case_id", self->case_id);
  json_object_set_string_member (draft, "body", self->body);
  json_object_set_string_member (draft, "cc", self->cc_text);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->attachments)); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (G_LIST_MODEL (self->attachments), i);
      g_autofree char *uri = g_file_get_uri (file);

      json_array_add_string_element (files, uri);
    }
  json_object_set_array_member (draft, "attachments", files);
  return sd_case_cache_write_state (self->cache, self->profile, name, draft, error);
}

gboolean
sd_case_reply_save_draft (SdCaseReply  *self,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SD_IS_CASE_REPLY (self), FALSE);

  if (!write_draft (self, &local_error))
    {
      set_draft_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_draft_error (self, NULL);
  return TRUE;
}

void
sd_case_reply_clear (SdCaseReply *self)
{
  g_return_if_fail (SD_IS_CASE_REPLY (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_object_freeze_notify (G_OBJECT (self));
  sd_case_reply_set_body (self, "");
  sd_case_reply_set_cc_text (self, "");
  g_list_store_remove_all (self->attachments);
  forget_attachment_set (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTACHMENTS]);
  revalidate (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->cache != NULL)
    {
      g_autofree char *name = draft_name (self);
      sd_case_cache_remove_state (self->cache, self->profile, name);
    }
  set_draft_error (self, NULL);
}

const char *
sd_case_reply_get_attachment_set (SdCaseReply *self,
                                  gint64      *expiry)
{
  g_return_val_if_fail (SD_IS_CASE_REPLY (self), NULL);
  if (expiry != NULL)
    *expiry = self->set_expiry;
  return self->set_id;
}

void
sd_case_reply_set_attachment_set (SdCaseReply *self,
                                  const char  *set_id,
                                  gint64       expiry)
{
  g_return_if_fail (SD_IS_CASE_REPLY (self));
  g_free (self->set_id);
  self->set_id = g_strdup (set_id);
  self->set_expiry = set_id != NULL ? expiry : 0;
}
