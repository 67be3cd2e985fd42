/* sd-communication.c — one message of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-communication.h"

#define SUBMITTER_MAX_CHARS 200

struct _SdCommunication {
  GObject       parent_instance;

  JsonObject   *json;           /* owned */
  char         *case_id;        /* owned */
  SdAuthorKind  author;
  char         *submitted_by;   /* owned, sanitised */
  char         *author_name;    /* owned, sanitised */
  char         *author_email;   /* owned, nullable */
  GDateTime    *time;           /* owned, nullable */
  char         *time_text;      /* owned: the server's string, for the key */
  SdSafeText   *body;           /* owned */
  char         *raw_body;       /* owned */
  GListStore   *attachments;    /* owned, SdCommunicationAttachment */
  char         *key;            /* owned, computed on first use */
};

G_DEFINE_FINAL_TYPE (SdCommunication, sd_communication, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_AUTHOR,
  PROP_SUBMITTED_BY,
  PROP_AUTHOR_NAME,
  PROP_AUTHOR_EMAIL,
  PROP_TIME,
  PROP_BODY,
  PROP_ATTACHMENTS,
  PROP_N_ATTACHMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

G_DEFINE_ENUM_TYPE (SdAuthorKind, sd_author_kind,
  G_DEFINE_ENUM_VALUE (SD_AUTHOR_ACCOUNT, "account"),
  G_DEFINE_ENUM_VALUE (SD_AUTHOR_AWS, "aws"))

SdAuthorKind
sd_author_kind_from_submitter (const char *submitted_by)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  if (submitted_by == NULL)
    return SD_AUTHOR_ACCOUNT;
  stripped = g_strstrip (g_strdup (submitted_by));
  folded = g_ascii_strdown (stripped, -1);
  /* The account's messages name an IAM identity or an address; AWS's say
   * "Amazon Web Services" (sometimes with a team after it). */
  if (g_str_has_prefix (folded, "amazon web services") || g_str_equal (folded, "aws support") ||
      g_str_equal (folded, "aws"))
    return SD_AUTHOR_AWS;
  return SD_AUTHOR_ACCOUNT;
}

/* "AdminRole (Role) <jane@example.com>" → name "AdminRole", email
 * "jane@example.com"; "jane@example.com" → both the address. */
static void
split_submitter (SdCommunication *self)
{
  const char *text = self->submitted_by;
  const char *lt = strrchr (text, '<');
  const char *gt = lt != NULL ? strchr (lt, '>') : NULL;
  const char *name_end;

  if (self->author == SD_AUTHOR_AWS)
    {
      self->author_name = g_strdup (_("Amazon Web Services"));
      return;
    }

  if (lt != NULL && gt != NULL && gt > lt + 1)
    self->author_email = g_strndup (lt + 1, gt - lt - 1);
  else if (strchr (text, '@') != NULL && strchr (text, ' ') == NULL)
    self->author_email = g_strdup (text);

  name_end = lt != NULL ? lt : text + strlen (text);
  {
    const char *paren = strchr (text, '(');

    if (paren != NULL && paren < name_end)
      name_end = paren;
  }
  self->author_name = g_strstrip (g_strndup (text, name_end - text));
  if (self->author_name[0] == '\0')
    {
      g_free (self->author_name);
      self->author_name = g_strdup (self->author_email != NULL ? self->author_email : text);
    }
}

/* Overrides */

static void
sd_communication_finalize (GObject *object)
{
  SdCommunication *self = SD_COMMUNICATION (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->case_id);
  g_free (self->submitted_by);
  g_free (self->author_name);
  g_free (self->author_email);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->time_text);
  g_clear_pointer (&self->body, sd_safe_text_unref);
  g_free (self->raw_body);
  g_clear_object (&self->attachments);
  g_free (self->key);
  G_OBJECT_CLASS (sd_communication_parent_class)->finalize (object);
}

static void
sd_communication_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdCommunication *self = SD_COMMUNICATION (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_AUTHOR:
      g_value_set_enum (value, self->author);
      break;
    case PROP_SUBMITTED_BY:
      g_value_set_string (value, self->submitted_by);
      break;
    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;
    case PROP_AUTHOR_EMAIL:
      g_value_set_string (value, self->author_email);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_BODY:
      g_value_set_boxed (value, self->body);
      break;
    case PROP_ATTACHMENTS:
      g_value_set_object (value, self->attachments);
      break;
    case PROP_N_ATTACHMENTS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->attachments)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_communication_class_init (SdCommunicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_communication_finalize;
  object_class->get_property = sd_communication_get_property;

  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_enum ("author", NULL, NULL, SD_TYPE_AUTHOR_KIND, SD_AUTHOR_ACCOUNT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMITTED_BY] =
    g_param_spec_string ("submitted-by", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_EMAIL] =
    g_param_spec_string ("author-email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, SD_TYPE_SAFE_TEXT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTACHMENTS] =
    g_param_spec_object ("attachments", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ATTACHMENTS] =
    g_param_spec_uint ("n-attachments", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_communication_init (SdCommunication *self)
{
  self->attachments = g_list_store_new (SD_TYPE_COMMUNICATION_ATTACHMENT);
}

/* Public API */

SdCommunication *
sd_communication_new_from_json (JsonObject *object)
{
  SdCommunication *self = g_object_new (SD_TYPE_COMMUNICATION, NULL);
  const char *submitted_by = sd_json_get_string (object, "submittedBy");
  const char *body = sd_json_get_string (object, "body");
  JsonArray *set = sd_json_get_array (object, "attachmentSet");

  self->json = object != NULL ? json_object_ref (object) : json_object_new ();
  self->case_id = g_strdup (sd_json_get_string (object, "caseId"));
  self->author = sd_author_kind_from_submitter (submitted_by);
  self->submitted_by = sd_text_safe_line (submitted_by != NULL ? submitted_by : "", -1,
                                          SUBMITTER_MAX_CHARS);
  split_submitter (self);
  self->time_text = g_strdup (sd_json_get_string (object, "timeCreated"));
  self->time = sd_aws_parse_time (self->time_text);
  self->raw_body = g_strdup (body != NULL ? body : "");
  self->body = sd_safe_text_new (self->raw_body, -1);

  for (guint i = 0; set != NULL && i < json_array_get_length (set); i++)
    {
      JsonObject *item = sd_json_array_get_object (set, i);
      const char *id = sd_json_get_string (item, "attachmentId");
      g_autoptr(SdCommunicationAttachment) attachment = NULL;

      /* Without an id there is nothing to download. */
      if (id == NULL || id[0] == '\0')
        continue;
      attachment = sd_communication_attachment_new (id, sd_json_get_string (item, "fileName"));
      g_list_store_append (self->attachments, attachment);
    }
  return self;
}

JsonObject *
sd_communication_get_json (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->json;
}

const char *
sd_communication_get_case_id (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->case_id;
}

SdAuthorKind
sd_communication_get_author (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), SD_AUTHOR_ACCOUNT);
  return self->author;
}

const char *
sd_communication_get_submitted_by (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->submitted_by;
}

const char *
sd_communication_get_author_name (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->author_name;
}

const char *
sd_communication_get_author_email (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->author_email;
}

GDateTime *
sd_communication_get_time (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->time;
}

SdSafeText *
sd_communication_get_body (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->body;
}

const char *
sd_communication_get_raw_body (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return self->raw_body;
}

GListModel *
sd_communication_get_attachments (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);
  return G_LIST_MODEL (self->attachments);
}

const char *
sd_communication_get_key (SdCommunication *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION (self), NULL);

  if (self->key == NULL)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                               self->raw_body, -1);
      const char *submitter = sd_json_get_string (self->json, "submittedBy");

      self->key = g_strdup_printf ("%s|%.16s|%s", self->time_text != NULL ? self->time_text : "",
                                   digest, submitter != NULL ? submitter : "");
    }
  return self->key;
}

int
sd_communication_compare (SdCommunication *a,
                          SdCommunication *b)
{
  if (a->time != NULL && b->time != NULL)
    {
      int c = g_date_time_compare (a->time, b->time);

      if (c != 0)
        return c;
    }
  else if (a->time != NULL)
    return 1;
  else if (b->time != NULL)
    return -1;
  /* Same time: any fixed order, the same whichever order they came in. */
  return strcmp (sd_communication_get_key (a), sd_communication_get_key (b));
}
