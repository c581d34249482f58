using System.Runtime.InteropServices;

namespace Mesh.Core.Execution;

/// <summary>
/// The few libc calls .NET has no API for. DllImport rather than LibraryImport: Mesh.Core does not allow unsafe
/// code, and these signatures marshal without it.
/// </summary>
internal static class LibC
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>SIGCONT (Linux numbering, same on x86-64 and arm64).</summary>
    public const int SigCont = 18;

    /// <summary>SIGSTOP (Linux numbering, same on x86-64 and arm64); cannot be caught or ignored.</summary>
    public const int SigStop = 19;

    /// <summary>kill(2); a negative pid signals the whole process group.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    /// <summary>chown(2).</summary>
    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    public static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    /// <summary>link(2): a hard link.</summary>
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    public static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
