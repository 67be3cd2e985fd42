/* sd-aws-config.h — the shared config and credentials files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One section of a config or credentials file: "[default]", "[profile x]",
 * "[sso-session x]", "[services x]", or a credentials file's "[x]". Keys are
 * lower-cased as the AWS CLI does; nested sub-sections ("sesv2 =" followed by
 * indented lines) are reached with sd_aws_section_get_nested(). */
typedef struct _SdAwsSection SdAwsSection;

typedef enum {
  SD_AWS_SECTION_PROFILE,
  SD_AWS_SECTION_SSO_SESSION,
  SD_AWS_SECTION_SERVICES,
} SdAwsSectionKind;

/* Returns the section's name (the profile name for a profile). */
const char      *sd_aws_section_get_name    (const SdAwsSection *self);
/* Returns what kind of section this is. */
SdAwsSectionKind sd_aws_section_get_kind    (const SdAwsSection *self);
/* The plain value of @key, or NULL (also for a key that holds a nested sub-section). */
const char      *sd_aws_section_get         (const SdAwsSection *self,
                                             const char         *key);
/* The value of @key inside the nested sub-section @sub ("sesv2", "support", …), or NULL. */
const char      *sd_aws_section_get_nested  (const SdAwsSection *self,
                                             const char         *sub,
                                             const char         *key);
/* The keys of the section, sorted; free with g_strfreev(). */
char           **sd_aws_section_list_keys   (const SdAwsSection *self);

/* Both files parsed. Immutable once loaded; reference counted. */
typedef struct _SdAwsConfig SdAwsConfig;

#define SD_TYPE_AWS_CONFIG (sd_aws_config_get_type ())
GType        sd_aws_config_get_type          (void) G_GNUC_CONST;

/* Reads @config_path and @credentials_path; NULL for either means the
 * environment's AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else
 * ~/.aws/config and ~/.aws/credentials. A missing file is not an error.
 * Never fails: every problem (unreadable file, malformed line) is added to
 * the list returned by sd_aws_config_get_problems() as a GError of
 * SD_AWS_ERROR_CONFIG whose message names the file and the line, and every
 * section that can still be read stays usable. */
SdAwsConfig *sd_aws_config_load              (const char  *config_path,
                                              const char  *credentials_path);
/* What tells the files sd_aws_config_load (NULL, NULL) reads apart from
 * when this was last asked: each one's path, inode, size and time of change
 * (or that it is missing). Equal stamps: the same files, unchanged. */
char        *sd_aws_config_dup_files_stamp  (void);
/* Parses text already in memory (for tests and fuzzing); names are used in messages. */
SdAwsConfig *sd_aws_config_new_from_data    (const char  *config_name,
                                             const char  *config_text,
                                             const char  *credentials_name,
                                             const char  *credentials_text);
/* Takes a reference. */
SdAwsConfig *sd_aws_config_ref              (SdAwsConfig *self);
/* Drops a reference. */
void         sd_aws_config_unref            (SdAwsConfig *self);

/* Adds (or replaces) the in-memory profile @name with the settings
 * @keys_and_values (NULL-terminated pairs: key, value, key, value, …; keys
 * lower-case as in the files). In-memory profiles are read like the files'
 * (sd_aws_config_get_profile_value(), sd_aws_config_has_profile()) and win
 * over a file's profile of the same name, but sd_aws_config_list_profiles()
 * lists the files' only. Nothing is written to disk. Main thread only: the
 * config is otherwise immutable. */
void         sd_aws_config_add_profile      (SdAwsConfig        *self,
                                             const char         *name,
                                             const char * const *keys_and_values);
/* Whether @name is an in-memory profile (sd_aws_config_add_profile()). */
gboolean     sd_aws_config_is_memory_profile (SdAwsConfig *self,
                                              const char  *name);

/* The GErrors found while reading (element type GError*); owned by @self. */
GPtrArray   *sd_aws_config_get_problems     (SdAwsConfig *self);

/* Every profile named in either file, "default" first, then sorted; free with g_strfreev(). */
char       **sd_aws_config_list_profiles    (SdAwsConfig *self);

/* The profile's settings, the credentials file's keys taking precedence over
 * the config file's (as the AWS CLI). NULL when neither file has it.
 * @profile NULL means sd_aws_config_default_profile_name(). */
const char  *sd_aws_config_get_profile_value (SdAwsConfig *self,
                                              const char  *profile,
                                              const char  *key);
/* Whether either file names @profile. */
gboolean     sd_aws_config_has_profile      (SdAwsConfig *self,
                                             const char  *profile);
/* The profile's section in the config file (NULL if only in credentials). */
const SdAwsSection *sd_aws_config_get_profile_section (SdAwsConfig *self,
                                                       const char  *profile);
/* Returns the "[sso-session @name]" section, or NULL. */
const SdAwsSection *sd_aws_config_get_sso_session     (SdAwsConfig *self,
                                                       const char  *name);
/* Returns the "[services @name]" section, or NULL. */
const SdAwsSection *sd_aws_config_get_services        (SdAwsConfig *self,
                                                       const char  *name);

/* The profile to use when none is named: $AWS_PROFILE, else $AWS_DEFAULT_PROFILE
 * (botocore's legacy name), else "default". Empty variables count as unset. */
const char  *sd_aws_config_default_profile_name (void);

/* The region for @profile: $AWS_REGION, else $AWS_DEFAULT_REGION, else the
 * profile's "region", else NULL. The variables win for every profile, as in
 * the AWS CLI (where they win over --profile's region too). @self may be NULL
 * (variables only); @profile NULL means the default profile. */
const char  *sd_aws_config_get_region       (SdAwsConfig *self,
                                             const char  *profile);

/* The PEM file of extra trusted roots for @profile: $AWS_CA_BUNDLE, else the
 * profile's "ca_bundle" (a leading "~/" is the home directory), else NULL.
 * *source (may be NULL) gets where it came from, for messages. @self may be
 * NULL (the variable only); @profile NULL means the default profile. */
char        *sd_aws_config_get_ca_bundle    (SdAwsConfig *self,
                                             const char  *profile,
                                             char       **source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsConfig, sd_aws_config_unref)

G_END_DECLS
