using System.Runtime.InteropServices;

namespace Mesh.Core.Execution;

public sealed partial class LocalExecutor
{
    // Inputs land inside the working directory only: a name that is absolute or climbs out is refused. Directories
    // made for nested names belong to the task's user, like the working directory itself.
    //
    // A hard link shares the source's inode, and the source is the node's content-addressed input cache: a hash
    // later tasks (of any origin) are given. Linking is safe only when the task runs as another user than the
    // node, which owns the read-only cache file; a task of the node's own user could chmod the link and rewrite
    // the cached content under its hash, so it gets a private copy.
    private void StageInputs(ExecutionRequest request, string workingDirectory)
    {
        var root = Path.GetFullPath(workingDirectory) + Path.DirectorySeparatorChar;
        foreach (var input in request.Inputs)
        {
            if (string.IsNullOrEmpty(input.Name) || Path.IsPathRooted(input.Name) || input.Name.Split('/').Contains(".."))
            {
                throw new ArgumentException($"input name '{input.Name}' must be relative and stay inside the working directory");
            }

            var target = Path.GetFullPath(Path.Combine(workingDirectory, input.Name));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new ArgumentException($"input name '{input.Name}' leaves the working directory");
            }

            CreateTaskDirectories(root, Path.GetDirectoryName(target)!);
            if (_capabilities.RunAs is null || OperatingSystem.IsWindows() || LibC.Link(input.SourcePath, target) != 0)
            {
                // The node's own user, another file system, or no hard links: a private copy, owned by the task's user.
                File.Copy(input.SourcePath, target, overwrite: false);
                GiveToTaskUser(target);
            }
        }
    }

    private void CreateTaskDirectories(string root, string directory)
    {
        if (directory.Length + 1 <= root.Length || Directory.Exists(directory))
        {
            return;
        }

        CreateTaskDirectories(root, Path.GetDirectoryName(directory)!);
        Directory.CreateDirectory(directory);
        GiveToTaskUser(directory);
    }

    private void GiveToTaskUser(string path)
    {
        if (_capabilities.RunAs is { } user && LibC.Chown(path, user.Uid, user.Gid) != 0)
        {
            throw new IOException($"cannot give {path} to {user}: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
