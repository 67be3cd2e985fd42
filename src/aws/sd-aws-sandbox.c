/* sd-aws-sandbox.c — the user's AWS set-up seen from inside a Flatpak sandbox
 *
 * A Flatpak sees the host's ~/.aws (read-only) and nothing else of the
 * user's files, and none of the host's programs. credential_process helpers
 * (aws-vault, granted, saml2aws, 1Password's op, the AWS CLI itself) are
 * installed on the host, so they are run there through the Flatpak session
 * helper (`flatpak-spawn --host`, permission --talk-name=org.freedesktop.Flatpak).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-aws-sandbox.h"

gboolean
sd_aws_sandbox_active (void)
{
  /* The tests name another file: flatpak-builder runs them in a sandbox too. */
  const char *info = g_getenv ("SD_FLATPAK_INFO");

  return g_file_test (info != NULL && *info != '\0' ? info : "/.flatpak-info", G_FILE_TEST_EXISTS);
}

char **
sd_aws_sandbox_host_argv (const char * const *argv,
                          const char * const *envp)
{
  GPtrArray *host = g_ptr_array_new ();

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  g_ptr_array_add (host, g_strdup ("flatpak-spawn"));
  g_ptr_array_add (host, g_strdup ("--host"));
  /* The host process is ended when flatpak-spawn goes (the timeout kills it). */
  g_ptr_array_add (host, g_strdup ("--watch-bus"));
  /* The helper gets the host session's environment; it also sees the
   * AWS_ settings the app was started with, as it would under the AWS CLI. */
  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    if (g_str_has_prefix (envp[i], "AWS_") && strchr (envp[i], '=') != NULL)
      g_ptr_array_add (host, g_strconcat ("--env=", envp[i], NULL));
  /* flatpak-spawn reads its own options up to the first word that is not
   * one, so the command's own options stay the command's. */
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (host, g_strdup (argv[i]));
  g_ptr_array_add (host, NULL);
  return (char **) g_ptr_array_free (host, FALSE);
}

char *
sd_aws_sandbox_override_command (const char *path)
{
  const char *app_id = g_getenv ("FLATPAK_ID");
  g_autofree char *argument = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (app_id == NULL || *app_id == '\0')
    app_id = APPLICATION_ID;
  argument = g_strconcat ("--filesystem=", path, ":ro", NULL);
  /* Quoted only when the shell needs it, so the usual path reads as typed. */
  if (strspn (path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,@")
      == strlen (path))
    quoted = g_strdup (argument);
  else
    quoted = g_shell_quote (argument);
  return g_strdup_printf ("flatpak override --user %s %s", quoted, app_id);
}
