using System.Diagnostics;

namespace Mesh.Tests.Interop;

/// <summary>Installs the js peer's npm packages (pinned by package-lock.json) when a test run finds them missing.</summary>
internal static class JsDependencies
{
    private static readonly Lock Gate = new();
    private static bool _checked;

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_checked)
            {
                return;
            }

            // As scripts/test.sh: install when node_modules is missing or older than the lock file (a new package came).
            var lockFile = Path.Combine(RepositoryPaths.JsPeerDirectory, "package-lock.json");
            var installed = Path.Combine(RepositoryPaths.JsPeerDirectory, "node_modules", ".package-lock.json");
            if (!File.Exists(installed) || File.GetLastWriteTimeUtc(lockFile) > File.GetLastWriteTimeUtc(installed))
            {
                var install = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
                {
                    WorkingDirectory = RepositoryPaths.JsPeerDirectory,
                    UseShellExecute = false,
                };
                using var npm = Process.Start(install)!;
                if (!npm.WaitForExit(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0)
                {
                    throw new InvalidOperationException("npm ci in interop/js failed; the interop tests need Node.js 20+ and the npm registry.");
                }
            }

            _checked = true;
        }
    }
}
