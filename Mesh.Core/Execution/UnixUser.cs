namespace Mesh.Core.Execution;

/// <summary>A user account of this machine, from <c>/etc/passwd</c>.</summary>
internal sealed record UnixUser(string Name, uint Uid, uint Gid)
{
    /// <summary>Finds a user by name in a passwd file's text; null when absent or malformed.</summary>
    public static UnixUser? Find(string? passwdText, string name)
    {
        if (passwdText is null)
        {
            return null;
        }

        foreach (var line in passwdText.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && uint.TryParse(fields[2], out var uid) && uint.TryParse(fields[3], out var gid))
            {
                return new UnixUser(name, uid, gid);
            }
        }

        return null;
    }

    public override string ToString() => $"{Name} (uid {Uid})";
}
