namespace Mesh.Core.Execution;

/// <summary>Checks ids that become file and cgroup names.</summary>
internal static class ExecutionIds
{
    public const int MaxLength = 100;

    /// <summary>True when the id is 1-100 letters, digits, '.', '_' or '-' and not "." or "..".</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id is "." or "..")
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
