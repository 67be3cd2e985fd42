/* sd-change.h — one change seen in a region between two refreshes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  SD_CHANGE_PRODUCTION_ACCESS_GRANTED,
  SD_CHANGE_PRODUCTION_ACCESS_DENIED,
  SD_CHANGE_REVIEW_FAILED,          /* the production-access request never reached AWS */
  SD_CHANGE_ENFORCEMENT_CHANGED,    /* old and new value: "HEALTHY", "PROBATION", "SHUTDOWN" */
  SD_CHANGE_SENDING_DISABLED,
  SD_CHANGE_SENDING_ENABLED,
  SD_CHANGE_BOUNCE_RATE_CROSSED,    /* old and new value: SdRateBand ids */
  SD_CHANGE_COMPLAINT_RATE_CROSSED, /* likewise */
  SD_CHANGE_WARMUP_DONE,            /* subject: the IP address */
  SD_CHANGE_QUOTA_RAISED,           /* old and new value: Max24HourSend, "%.0f" (−1 unlimited) */
} SdChangeKind;

#define SD_TYPE_CHANGE_KIND (sd_change_kind_get_type ())
GType         sd_change_kind_get_type   (void) G_GNUC_CONST;
/* "production-access-granted", "production-access-denied", "review-failed",
 * "enforcement-changed", "sending-disabled", "sending-enabled",
 * "bounce-rate-crossed", "complaint-rate-crossed", "warmup-done",
 * "quota-raised": the ids in the change log's file. */
const char   *sd_change_kind_to_id      (SdChangeKind kind);

/* Immutable. Properties: "kind", "time", "profile", "region". */
#define SD_TYPE_CHANGE (sd_change_get_type ())
G_DECLARE_FINAL_TYPE (SdChange, sd_change, SD, CHANGE, GObject)

/* @old_value, @new_value and @subject as documented per kind, nullable. */
SdChange     *sd_change_new             (SdChangeKind  kind,
                                         gint64        time,
                                         const char   *profile,
                                         const char   *region,
                                         const char   *old_value,
                                         const char   *new_value,
                                         const char   *subject);
SdChangeKind  sd_change_get_kind        (SdChange *self);
/* Unix time (seconds) of the refresh that saw it. */
gint64        sd_change_get_time        (SdChange *self);
const char   *sd_change_get_profile     (SdChange *self);
const char   *sd_change_get_region      (SdChange *self);
const char   *sd_change_get_old_value   (SdChange *self);
const char   *sd_change_get_new_value   (SdChange *self);
const char   *sd_change_get_subject     (SdChange *self);
/* TRUE when the change is for the worse (denied, review failed, sending
 * off, a rate crossing a line upwards, enforcement worse): a notification
 * may be urgent. */
gboolean      sd_change_is_worse        (SdChange *self);
/* One sentence for people, translated, without the profile and region
 * ("Bounce rate rose over the review line (5 %)", "Dedicated IP 192.0.2.1
 * finished warming up"). Newly allocated. */
char         *sd_change_dup_title       (SdChange *self);

/* The change as stored in the change log's file, and back (NULL with
 * @error for an entry that is not a change). */
JsonObject   *sd_change_to_json         (SdChange *self);
SdChange     *sd_change_new_from_json   (JsonObject  *object,
                                         GError     **error);

G_END_DECLS
