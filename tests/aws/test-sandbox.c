/* test-sandbox.c — credential_process and chosen files from inside a Flatpak
 *
 * What runs inside the real sandbox is tested by the flatpak suite
 * (tests/flatpak); here the commands the app builds for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-sandbox.h"

static void
test_host_argv (void)
{
  const char *argv[] = { "aws-vault", "export", "--format=json", "prod", NULL };
  const char *envp[] = { "HOME=/home/jane", "AWS_PROFILE=prod", "AWS_VAULT_BACKEND=pass",
                         "XAWS_X=1", "AWS_NOVALUE", NULL };
  const char *expected[] = { "flatpak-spawn", "--host", "--watch-bus", "--env=AWS_PROFILE=prod",
                             "--env=AWS_VAULT_BACKEND=pass", "aws-vault", "export",
                             "--format=json", "prod", NULL };
  g_auto(GStrv) host = sd_aws_sandbox_host_argv (argv, envp);

  /* The command's own options come after it, where flatpak-spawn leaves them alone. */
  g_assert_cmpstrv (host, expected);
}

static void
test_host_argv_no_env (void)
{
  const char *argv[] = { "/usr/bin/aws", NULL };
  const char *expected[] = { "flatpak-spawn", "--host", "--watch-bus", "/usr/bin/aws", NULL };
  g_auto(GStrv) host = sd_aws_sandbox_host_argv (argv, NULL);

  g_assert_cmpstrv (host, expected);
}

static void
test_override_command (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *spaced = NULL;

  g_setenv ("FLATPAK_ID", "io.github.sesdesk.SesDesk", TRUE);
  plain = sd_aws_sandbox_override_command ("/srv/aws/config");
  g_assert_cmpstr (plain, ==,
                   "flatpak override --user --filesystem=/srv/aws/config:ro io.github.sesdesk.SesDesk");
  /* A path the shell would split is quoted, so the command can be pasted as it is. */
  spaced = sd_aws_sandbox_override_command ("/home/jane/My AWS/config");
  g_assert_cmpstr (spaced, ==,
                   "flatpak override --user '--filesystem=/home/jane/My AWS/config:ro' "
                   "io.github.sesdesk.SesDesk");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/host-argv", test_host_argv);
  g_test_add_func ("/sandbox/host-argv-no-env", test_host_argv_no_env);
  g_test_add_func ("/sandbox/override-command", test_override_command);
  return g_test_run ();
}
