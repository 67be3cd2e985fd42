/* sd-aws-sandbox.h — the user's AWS set-up seen from inside a Flatpak sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the process runs in a Flatpak sandbox: /.flatpak-info, or the
 * file $SD_FLATPAK_INFO names, exists. */
gboolean sd_aws_sandbox_active       (void);

/* The argv that runs @argv on the host with `flatpak-spawn --host`, with the
 * AWS_* variables of @envp passed on; the helper quits with the app. Free
 * with g_strfreev(). */
char   **sd_aws_sandbox_host_argv    (const char * const *argv,
                                      const char * const *envp);

/* The command that shows @path (absolute) to the app: `flatpak override
 * --user --filesystem=PATH:ro APP-ID`, for the app in $FLATPAK_ID. */
char    *sd_aws_sandbox_override_command (const char *path);

G_END_DECLS
