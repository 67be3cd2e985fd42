/* sd-communication-attachment.c — one attachment of a case message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-communication-attachment.h"
#include "sd-safe-text.h"

#define FILE_NAME_MAX_CHARS 120

struct _SdCommunicationAttachment {
  GObject  parent_instance;

  char    *attachment_id;    /* owned */
  char    *file_name;        /* owned, sanitised */
  char    *suggested_name;   /* owned, safe for a file system */
};

G_DEFINE_FINAL_TYPE (SdCommunicationAttachment, sd_communication_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ATTACHMENT_ID,
  PROP_FILE_NAME,
  PROP_SUGGESTED_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overrides */

static void
sd_communication_attachment_finalize (GObject *object)
{
  SdCommunicationAttachment *self = SD_COMMUNICATION_ATTACHMENT (object);

  g_free (self->attachment_id);
  g_free (self->file_name);
  g_free (self->suggested_name);
  G_OBJECT_CLASS (sd_communication_attachment_parent_class)->finalize (object);
}

static void
sd_communication_attachment_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  SdCommunicationAttachment *self = SD_COMMUNICATION_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ATTACHMENT_ID:
      g_value_set_string (value, self->attachment_id);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_SUGGESTED_NAME:
      g_value_set_string (value, self->suggested_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_communication_attachment_class_init (SdCommunicationAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_communication_attachment_finalize;
  object_class->get_property = sd_communication_attachment_get_property;

  properties[PROP_ATTACHMENT_ID] =
    g_param_spec_string ("attachment-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTED_NAME] =
    g_param_spec_string ("suggested-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_communication_attachment_init (SdCommunicationAttachment *self)
{
}

/* Public API */

SdCommunicationAttachment *
sd_communication_attachment_new (const char *attachment_id,
                                 const char *file_name)
{
  SdCommunicationAttachment *self = g_object_new (SD_TYPE_COMMUNICATION_ATTACHMENT, NULL);

  self->attachment_id = g_strdup (attachment_id);
  self->file_name = sd_text_safe_line (file_name != NULL ? file_name : "attachment", -1,
                                       FILE_NAME_MAX_CHARS);
  if (self->file_name[0] == '\0')
    {
      g_free (self->file_name);
      self->file_name = g_strdup ("attachment");
    }
  self->suggested_name = sd_text_safe_file_name (file_name);
  return self;
}

const char *
sd_communication_attachment_get_attachment_id (SdCommunicationAttachment *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION_ATTACHMENT (self), NULL);
  return self->attachment_id;
}

const char *
sd_communication_attachment_get_file_name (SdCommunicationAttachment *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION_ATTACHMENT (self), NULL);
  return self->file_name;
}

const char *
sd_communication_attachment_get_suggested_name (SdCommunicationAttachment *self)
{
  g_return_val_if_fail (SD_IS_COMMUNICATION_ATTACHMENT (self), NULL);
  return self->suggested_name;
}
